//! One rule per file. Each file holds the rule's documentation and its check.

pub mod dangling_similar_to;
pub mod duplicate_id;
pub mod duplicate_question;
pub mod id_filename_mismatch;
pub mod invisible_character;
pub mod load;
pub mod missing_schema_modeline;
pub mod unknown_topic;
