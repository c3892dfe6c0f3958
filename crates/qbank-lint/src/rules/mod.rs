//! One rule per file. Each file holds the rule's documentation and its check.

pub mod article_mismatch;
pub mod closed_question;
pub mod dangling_similar_to;
pub mod doubled_word;
pub mod duplicate_id;
pub mod duplicate_question;
pub mod id_filename_mismatch;
pub mod invisible_character;
pub mod kit_unsatisfiable;
pub mod load;
pub mod missing_schema_modeline;
pub mod near_duplicate;
pub mod protected_characteristic;
pub mod question_without_question_mark;
pub mod stale_similar_to;
pub mod stray_whitespace;
pub mod text_length;
pub mod topic_below_coverage;
pub mod undefined_acronym;
pub mod unknown_allow_rule;
pub mod unknown_question;
pub mod unknown_topic;
pub mod unused_allow;
