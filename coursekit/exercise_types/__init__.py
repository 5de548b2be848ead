"""One module per exercise type: `score(spec, answer, lang) -> ExerciseResult`, optional `validate(spec)`."""
