//! One module per output format. Every renderer takes the diagnostics already sorted by
//! [`crate::lint`] and writes them to a `&mut dyn Write`.

pub mod coverage;
pub mod doc;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::collections::HashMap;

use qbank_core::{Bank, Diagnostic, Severity};

/// Source texts by displayed path, for renderers that quote the source.
pub struct Sources<'a> {
    texts: HashMap<&'a str, &'a qbank_core::SourceFile>,
}

impl<'a> Sources<'a> {
    pub fn new(bank: &'a Bank) -> Sources<'a> {
        Sources {
            texts: bank.files.iter().map(|f| (f.path.as_ref(), f)).collect(),
        }
    }

    /// No sources: snippets are left out.
    pub fn none() -> Sources<'static> {
        Sources {
            texts: HashMap::new(),
        }
    }

    pub(crate) fn file(&self, path: &str) -> Option<&'a qbank_core::SourceFile> {
        self.texts.get(path).copied()
    }
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}
