// Shared by every course view. anywidget loads one ES module per widget with no build step, so this
// helper travels as text in front of each view's module (widgets/base.py: esm()).
// Text is only ever set with textContent: learner text can never become markup.
function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}
