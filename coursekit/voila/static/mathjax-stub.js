// The course has no mathematics, and it loads nothing from the internet. Voilà's MathJax 2 plugin
// would fetch MathJax from a CDN; it is pointed here instead, at a stand-in that typesets nothing.
window.MathJax = {
  Hub: {
    Config() {},
    Configured() {},
    Queue() {},
    Register: { StartupHook() {} },
  },
  Ajax: {},
  InputJax: { TeX: { resetEquationNumbers() {} } },
};
