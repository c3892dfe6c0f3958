//! Small text helpers shared by the wording rules: the prose fields of a question, and what an
//! acronym looks like. Words and sentences are `qbank_text::words`.

use qbank_core::Question;

/// A prose field of a question: where it is and its text.
pub(crate) struct Field<'q> {
    /// The list the field is an item of (`None`: the question's text), and its index there.
    list: Option<(&'static str, usize)>,
    pub text: &'q str,
}

impl Field<'_> {
    /// The field's JSON pointer, made when a finding needs it: the wording rules read every
    /// field of a bank and report on few.
    pub fn pointer(&self) -> String {
        match self.list {
            None => "/text".to_owned(),
            Some((list, i)) => format!("/{list}/{i}"),
        }
    }
}

/// `text`, then every follow-up, then every rubric line.
pub(crate) fn prose_fields(q: &Question) -> Vec<Field<'_>> {
    let mut fields = vec![Field {
        list: None,
        text: &q.text,
    }];
    for (list, items) in [
        ("follow_ups", &q.follow_ups),
        ("rubric/strong", &q.rubric.strong),
        ("rubric/red_flags", &q.rubric.red_flags),
    ] {
        fields.extend(items.iter().enumerate().map(|(i, t)| Field {
            list: Some((list, i)),
            text: t,
        }));
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
