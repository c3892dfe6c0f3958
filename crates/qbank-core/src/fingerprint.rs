//! Short, stable names for a bank's content and for a printed kit.
//!
//! A printed kit carries a fingerprint made of its kit id, its seed and the bank revision it
//! was drawn from, so that the same kit can be printed again later. The revision is the git
//! commit of the bank when there is one (the command line asks git); otherwise it is
//! [`content_revision`], a hash of the bank's files computed here, without any I/O.
//!
//! The hash is 64-bit FNV-1a: not cryptographic, but fixed forever, fast and dependency-free,
//! which is what a label on paper needs.

use crate::load::Bank;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a over a sequence of byte strings, each followed by a 0xff separator (a byte
/// that never occurs in UTF-8), so that ("ab", "c") and ("a", "bc") differ.
pub fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h = FNV_OFFSET;
    for part in parts {
        h = step(step(h, part), &[0xff]);
    }
    h
}

fn step(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A revision name for a bank that is not in git: `content-` and 12 hex digits of a hash of
/// every file's path inside the bank and its text, in path order.
pub fn content_revision(bank: &Bank) -> String {
    let mut files: Vec<(&str, &str)> = bank
        .files
        .iter()
        .map(|f| (f.relative.as_str(), f.text.as_str()))
        .collect();
    files.sort_unstable();
    let h = fnv1a(
        files
            .iter()
            .flat_map(|(path, text)| [path.as_bytes(), text.as_bytes()]),
    );
    format!("content-{:012x}", h >> 16)
}

/// The revision of one question file: 10 hex digits of a hash of its text. A spreadsheet
/// row carries the revision of the file it was exported from, so that an import can tell
/// when the question changed in the bank since (`qbank import` refuses such a row).
pub fn question_revision(text: &str) -> String {
    format!("{:010x}", fnv1a([text.as_bytes()]) >> 24)
}

/// The fingerprint printed on every page of a kit: 8 hex digits of a hash of the kit id, its
/// seed and the bank revision.
pub fn fingerprint(kit_id: &str, seed: u64, revision: &str) -> String {
    let seed = seed.to_string();
    let h = fnv1a([kit_id.as_bytes(), seed.as_bytes(), revision.as_bytes()]);
    format!("{:08x}", h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_revision_is_short_and_follows_the_text() {
        let a = super::question_revision("id: a\ntext: How?\n");
        assert_eq!(a.len(), 10);
        assert_eq!(a, super::question_revision("id: a\ntext: How?\n"));
        assert_ne!(a, super::question_revision("id: a\ntext: How now?\n"));
    }

    #[test]
    fn fnv1a_matches_the_reference_value() {
        // Published test vectors of FNV-1a 64.
        assert_eq!(step(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(step(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(step(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parts_are_separated() {
        assert_ne!(fnv1a([&b"ab"[..], b"c"]), fnv1a([&b"a"[..], b"bc"]));
    }

    #[test]
    fn fingerprint_depends_on_every_input() {
        let base = fingerprint("kit", 1, "abc1234");
        assert_eq!(base.len(), 8);
        assert_eq!(base, fingerprint("kit", 1, "abc1234"));
        assert_ne!(base, fingerprint("kit2", 1, "abc1234"));
        assert_ne!(base, fingerprint("kit", 2, "abc1234"));
        assert_ne!(base, fingerprint("kit", 1, "abc1235"));
    }
}
