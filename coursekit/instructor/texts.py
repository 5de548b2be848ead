"""The dashboard's words, in Swedish and English (the course's two languages)."""

from __future__ import annotations

LANGS = ("sv", "en")

TEXTS: dict[str, dict[str, str]] = {
    "title": {"sv": "Lärarens översikt", "en": "Instructor's dashboard"},
    "nav": {"sv": "Delar av översikten", "en": "Dashboard sections"},
    "overview": {"sv": "Gruppen per modul", "en": "Cohort by module"},
    "queue": {"sv": "Att granska", "en": "Review queue"},
    "learners": {"sv": "Deltagare", "en": "Learners"},
    "export": {"sv": "Exportera CSV per kriterium", "en": "Export CSV per criterion"},
    "language": {"sv": "In English", "en": "På svenska"},
    "module": {"sv": "Modul", "en": "Module"},
    "handed-in": {"sv": "Inlämnat", "en": "Handed in"},
    "missing": {"sv": "Saknas", "en": "Missing"},
    "waiting": {"sv": "Väntar på rättning", "en": "Waiting for autograde"},
    "mean": {"sv": "Medel", "en": "Mean"},
    "to-review": {"sv": "Att granska", "en": "To review"},
    "of": {"sv": "av", "en": "of"},
    "learners-n": {"sv": "deltagare", "en": "learners"},
    "handed-in-list": {"sv": "Har lämnat in ({n})", "en": "Handed in ({n})"},
    "missing-list": {"sv": "Har inte lämnat in ({n})", "en": "Not handed in ({n})"},
    "score-dist": {"sv": "Poängfördelning", "en": "Score distribution"},
    "points": {"sv": "Poäng", "en": "Points"},
    "count": {"sv": "Antal deltagare", "en": "Learners"},
    "as-table": {"sv": "Visa som tabell", "en": "Show as a table"},
    "criteria-met": {
        "sv": "Andel som uppfyller varje kriterium: {item}",
        "en": "Share meeting each criterion: {item}",
    },
    "criterion": {"sv": "Kriterium", "en": "Criterion"},
    "share": {"sv": "Andel", "en": "Share"},
    "met-n": {"sv": "Uppfyller", "en": "Meet it"},
    "chart-dist": {
        "sv": "Stapeldiagram: antal deltagare per poäng i {module}.",
        "en": "Bar chart: number of learners per score in {module}.",
    },
    "chart-crit": {
        "sv": "Stapeldiagram: andel av {n} deltagare som uppfyller varje kriterium.",
        "en": "Bar chart: share of {n} learners meeting each criterion.",
    },
    "no-modules": {
        "sv": "Det finns inga moduler i gradebook ännu. Kör `backa-course build` och `nbgrader generate_assignment`.",
        "en": "There are no modules in the gradebook yet. Run `backa-course build` and `nbgrader generate_assignment`.",
    },
    "queue-empty": {"sv": "Inget väntar på granskning.", "en": "Nothing is waiting for review."},
    "queue-intro": {
        "sv": "Svar som deltagaren har invänt mot kommer först. Sedan svar som bedömaren är osäker på, "
        "de mest osäkra först.",
        "en": "Answers the learner objected to come first. Then answers the grader is unsure of, "
        "the most likely wrong first.",
    },
    "entries": {"sv": "{n} svar att granska", "en": "{n} answers to review"},
    "page": {"sv": "Sida {page} av {pages}", "en": "Page {page} of {pages}"},
    "prev": {"sv": "Föregående sida", "en": "Previous page"},
    "next": {"sv": "Nästa sida", "en": "Next page"},
    "pages": {"sv": "Sidor", "en": "Pages"},
    "submitted-at": {"sv": "Inlämnat {when}", "en": "Handed in {when}"},
    "grader-score": {"sv": "Bedömarens poäng: {score} av {max}", "en": "Grader's score: {score} of {max}"},
    "manual-score": {"sv": "Din poäng: {score} av {max}", "en": "Your score: {score} of {max}"},
    "flagged": {"sv": "Bedömaren är osäker", "en": "Grader unsure"},
    "objected": {"sv": "Deltagaren invänder", "en": "Learner objects"},
    "changed": {"sv": "Texten har ändrats sedan din granskning", "en": "Text changed since your review"},
    "full-text": {"sv": "Deltagarens text", "en": "The learner's text"},
    "answer": {"sv": "Deltagarens svar", "en": "The learner's answer"},
    "no-text": {"sv": "(tomt)", "en": "(empty)"},
    "criteria-legend": {
        "sv": "Kriterier: kryssa i dem som är uppfyllda (1 poäng var)",
        "en": "Criteria: tick those that are met (1 point each)",
    },
    "met": {"sv": "uppfyllt", "en": "met"},
    "not-met": {"sv": "inte uppfyllt", "en": "not met"},
    "grader-says": {"sv": "Bedömaren: {decision}", "en": "Grader: {decision}"},
    "unsure": {"sv": "osäker", "en": "unsure"},
    "evidence": {"sv": "Belägg", "en": "Evidence"},
    "advice": {"sv": "Råd", "en": "Advice"},
    "objection": {
        "sv": "Deltagarens invändning: ”Jag gjorde det här”",
        "en": "Learner's objection: “I did this here”",
    },
    "objection-stale": {
        "sv": "(gjord på en tidigare version av texten)",
        "en": "(made on an earlier version of the text)",
    },
    "score-label": {"sv": "Poäng (0 till {max})", "en": "Score (0 to {max})"},
    "comment-label": {"sv": "Kommentar till deltagaren", "en": "Comment to the learner"},
    "save": {"sv": "Spara poäng och kommentar", "en": "Save score and comment"},
    "saved": {
        "sv": "Sparat: {student}, {module}, {grade}: {score} av {max} poäng.",
        "en": "Saved: {student}, {module}, {grade}: {score} of {max} points.",
    },
    "learner": {"sv": "Deltagare", "en": "Learner"},
    "search": {"sv": "Sök deltagare", "en": "Search learners"},
    "search-button": {"sv": "Sök", "en": "Search"},
    "total": {"sv": "Totalt", "en": "Total"},
    "not-handed-in": {"sv": "inte inlämnat", "en": "not handed in"},
    "needs-review": {"sv": "att granska", "en": "to review"},
    "not-graded": {"sv": "väntar på rättning", "en": "waiting for autograde"},
    "progress-caption": {
        "sv": "Poäng per modul för varje deltagare",
        "en": "Score per module for each learner",
    },
    "no-learners": {"sv": "Inga deltagare hittades.", "en": "No learners found."},
    "answers-problem": {"sv": "Svarsfilen: {problem}", "en": "Answers file: {problem}"},
    "course-missing": {
        "sv": "Ingen nbgrader-kurs hittades i {path}. Starta översikten i kursmappen eller ange --course-dir.",
        "en": "No nbgrader course was found in {path}. Start the dashboard in the course folder or give --course-dir.",
    },
    "skip": {"sv": "Hoppa till innehållet", "en": "Skip to content"},
}


def t(key: str, lang: str, **kw) -> str:
    entry = TEXTS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**kw) if kw else text
