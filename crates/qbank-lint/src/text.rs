//! Small text helpers shared by the wording rules: the prose fields of a question, and what an
//! acronym looks like. Words and sentences are `qbank_text::words`.

use qbank_core::Question;

/// A prose field of a question: its JSON pointer and its text.
pub(crate) struct Field<'q> {
    pub pointer: String,
    pub text: &'q str,
}

/// `text`, then every follow-up, then every rubric line.
pub(crate) fn prose_fields(q: &Question) -> Vec<Field<'_>> {
    let mut fields = vec![Field {
        pointer: "/text".to_owned(),
        text: &q.text,
    }];
    for (i, t) in q.follow_ups.iter().enumerate() {
        fields.push(Field {
            pointer: format!("/follow_ups/{i}"),
            text: t,
        });
    }
    for (i, t) in q.rubric.strong.iter().enumerate() {
        fields.push(Field {
            pointer: format!("/rubric/strong/{i}"),
            text: t,
        });
    }
    for (i, t) in q.rubric.red_flags.iter().enumerate() {
        fields.push(Field {
            pointer: format!("/rubric/red_flags/{i}"),
            text: t,
        });
    }
    fields
}

/// Whether a word is written in capitals as an acronym is: two or more capitals (digits may
/// follow), optionally with a plural `s`: `SLO`, `SLOs`, `K8S`, `GPUs`.
pub(crate) fn acronym_core(word: &str) -> Option<&str> {
    let core = word
        .strip_suffix("s")
        .filter(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
        })
        .unwrap_or(word);
    let letters = core.chars().filter(char::is_ascii_uppercase).count();
    let ok = letters >= 2
        && core.len() <= 8
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert_eq!(acronym_core("SLOs"), Some("SLO"));
        assert_eq!(acronym_core("K8S"), Some("K8S"));
        assert_eq!(acronym_core("MLOps"), None);
        assert_eq!(acronym_core("A"), None);
        assert_eq!(acronym_core("KServe"), None);
    }
}
