//! How qbank reads the text of a question, in one place: the words and sentences of a text
//! ([`words`]), the stemmer and the vocabulary of subjects, the near-duplicate detector and the
//! search by meaning ([`similarity`]), the closest questions to a text ([`search`]), the pairs
//! kit selection keeps apart ([`pairs`]), the patterns of the protected-characteristic rule
//! ([`protected`]) and the id `qbank new` suggests for a text ([`ids`]).
//!
//! The data these read (the vocabulary, the stemmer's exceptions, the background questions
//! that weigh terms, the protected phrasings, the words left out of ids) are files in `data/`, built into the binary and
//! read by `qbank-core`'s one YAML reader: a malformed entry is a diagnostic at its
//! `file:line:col`, as in a bank's `topics.yaml`, whose `synonyms` are read by the same checks.
//!
//! `qbank-lint` (the `near-duplicate` rule, the wording rules, the kit rules), kit selection in
//! the CLI and `qbank similar` all call this crate; none reads a text its own way.

mod bits;
pub mod ids;
pub mod pairs;
pub mod protected;
pub mod search;
pub mod similarity;
pub mod words;
