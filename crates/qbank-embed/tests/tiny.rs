//! The model code on a tiny BERT the test writes itself: random weights, a vocabulary of a
//! few words. What it checks holds for any weights: the shape and norm of the vectors, that a
//! text's vector does not depend on the texts embedded with it, truncation, and the files'
//! checks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use candle_core::{Device, Tensor};
use qbank_embed::{dot, fingerprint, verify, Model, PinnedFile};

const WORDS: [&str; 20] = [
    "what",
    "is",
    "a",
    "the",
    "process",
    "thread",
    "and",
    "how",
    "do",
    "differ",
    "from",
    "stack",
    "heap",
    "?",
    "##es",
    "##s",
    "race",
    "condition",
    "cache",
    "entry",
];
const HIDDEN: usize = 16;
/// Wide enough that texts of one length go through the model together.
const WIDE: usize = 160;
const LAYERS: usize = 2;
const POSITIONS: usize = 24;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qbank-embed-tiny-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A tokenizer.json in the layout of BERT's (lowercase, split on punctuation, WordPiece).
fn tokenizer_json() -> String {
    let mut vocab: Vec<(String, usize)> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
        .iter()
        .map(|s| s.to_string())
        .chain(WORDS.iter().map(|s| s.to_string()))
        .enumerate()
        .map(|(i, w)| (w, i))
        .collect();
    vocab.sort();
    let vocab: serde_json::Map<String, serde_json::Value> =
        vocab.into_iter().map(|(w, i)| (w, i.into())).collect();
    let special = |name: &str, id: u32| {
        serde_json::json!({"id": id, "content": name, "single_word": false, "lstrip": false,
            "rstrip": false, "normalized": false, "special": true})
    };
    serde_json::json!({
        "version": "1.0",
        "truncation": null,
        // As in all-MiniLM-L6-v2's file: every text padded to a fixed length.
        "padding": {"strategy": {"Fixed": 12}, "direction": "Right", "pad_to_multiple_of": null,
            "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": [special("[PAD]", 0), special("[UNK]", 1), special("[CLS]", 2), special("[SEP]", 3)],
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
            "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100, "vocab": vocab}
    })
    .to_string()
}

/// Sets `key` to `value` in the JSON file `dir/name` (a model's config.json or tokenizer.json),
/// `key` a path of object keys.
fn edit_json(dir: &Path, name: &str, key: &[&str], value: serde_json::Value) {
    let path = dir.join(name);
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut at = &mut json;
    for k in key {
        at = &mut at[*k];
    }
    *at = value;
    std::fs::write(&path, json.to_string()).unwrap();
}

/// Numbers in [-0.5, 0.5) from a fixed seed (SplitMix64).
struct Noise(u64);

impl Noise {
    fn tensor(&mut self, shape: &[usize]) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f32> = (0..n)
            .map(|_| {
                self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = self.0;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^= z >> 31;
                (z >> 40) as f32 / (1u64 << 24) as f32 - 0.5
            })
            .collect();
        Tensor::from_vec(v, shape, &Device::Cpu).unwrap()
    }
}

/// Writes a tiny random BERT to `dir`: config.json, tokenizer.json, model.safetensors.
fn tiny_model(dir: &Path) {
    tiny_model_of(dir, HIDDEN, Arch::Bert);
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Arch {
    Bert,
    Mpnet,
}

/// Relative-position buckets of the tiny MPNet (all-mpnet-base-v2 has 32).
const BUCKETS: usize = 8;

/// [`tiny_model`] with `hidden` neurons per layer (twice as many in the intermediate layer),
/// of either architecture (MPNet: positions from 1 past the padding id, no token types, a
/// relative-position bias per head).
fn tiny_model_of(dir: &Path, hidden: usize, arch: Arch) {
    let inter = 2 * hidden;
    let vocab = WORDS.len() + 4;
    let mut config = serde_json::json!({
        "vocab_size": vocab, "hidden_size": hidden, "num_hidden_layers": LAYERS,
        "num_attention_heads": 4, "intermediate_size": inter, "hidden_act": "gelu",
        "pad_token_id": 0
    });
    let variant = match arch {
        Arch::Bert => serde_json::json!({
            "hidden_dropout_prob": 0.1, "max_position_embeddings": POSITIONS, "type_vocab_size": 2,
            "initializer_range": 0.02, "layer_norm_eps": 1e-12, "model_type": "bert"
        }),
        Arch::Mpnet => serde_json::json!({
            "max_position_embeddings": POSITIONS + 1, "relative_attention_num_buckets": BUCKETS,
            "layer_norm_eps": 1e-5, "model_type": "mpnet"
        }),
    };
    for (key, value) in variant.as_object().unwrap() {
        config[key] = value.clone();
    }
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    std::fs::write(dir.join("tokenizer.json"), tokenizer_json()).unwrap();
    let mut noise = Noise(14);
    let mut t: HashMap<String, Tensor> = HashMap::new();
    let mut put = |name: String, shape: &[usize]| {
        t.insert(name, noise.tensor(shape));
    };
    put("embeddings.word_embeddings.weight".into(), &[vocab, hidden]);
    let positions = if arch == Arch::Mpnet {
        POSITIONS + 1
    } else {
        POSITIONS
    };
    put(
        "embeddings.position_embeddings.weight".into(),
        &[positions, hidden],
    );
    if arch == Arch::Bert {
        put(
            "embeddings.token_type_embeddings.weight".into(),
            &[2, hidden],
        );
    } else {
        put(
            "encoder.relative_attention_bias.weight".into(),
            &[BUCKETS, 4],
        );
    }
    put("embeddings.LayerNorm.weight".into(), &[hidden]);
    put("embeddings.LayerNorm.bias".into(), &[hidden]);
    let (attention, attention_norm) = match arch {
        Arch::Bert => (
            [
                "attention.self.query",
                "attention.self.key",
                "attention.self.value",
                "attention.output.dense",
            ],
            "attention.output.LayerNorm",
        ),
        Arch::Mpnet => (
            [
                "attention.attn.q",
                "attention.attn.k",
                "attention.attn.v",
                "attention.attn.o",
            ],
            "attention.LayerNorm",
        ),
    };
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}.");
        for m in attention {
            put(format!("{p}{m}.weight"), &[hidden, hidden]);
            put(format!("{p}{m}.bias"), &[hidden]);
        }
        put(format!("{p}intermediate.dense.weight"), &[inter, hidden]);
        put(format!("{p}intermediate.dense.bias"), &[inter]);
        put(format!("{p}output.dense.weight"), &[hidden, inter]);
        put(format!("{p}output.dense.bias"), &[hidden]);
        for n in [attention_norm, "output.LayerNorm"] {
            put(format!("{p}{n}.weight"), &[hidden]);
            put(format!("{p}{n}.bias"), &[hidden]);
        }
    }
    candle_core::safetensors::save(&t, dir.join("model.safetensors")).unwrap();
}

#[test]
fn vectors_have_norm_one_and_do_not_depend_on_the_batch() {
    // One text at a time (HIDDEN), and texts of one length together (WIDE); both
    // architectures.
    for (hidden, arch) in [
        (HIDDEN, Arch::Bert),
        (WIDE, Arch::Bert),
        (HIDDEN, Arch::Mpnet),
        (WIDE, Arch::Mpnet),
    ] {
        let dir = scratch(&format!("batch-{hidden}-{arch:?}"));
        tiny_model_of(&dir, hidden, arch);
        let model = Model::load(&dir).unwrap();
        assert_eq!(model.dim(), hidden);
        // The tokenizer's fixed padding is switched off: [CLS] what is a thread ? [SEP].
        assert_eq!(
            model.tokens("What is a thread?").unwrap(),
            [2, 4, 5, 6, 9, 17, 3]
        );
        let texts = [
            "What is a process?",
            "What is a thread?",
            "How do the stack and the heap differ?",
            "What is a race condition?",
            "",
            "What is a cache?",
            "What is the heap?",
            "What is a stack?",
            "What is a cache entry?",
        ];
        let mut seen = Vec::new();
        let all = model.embed(&texts, &mut |done| seen.push(done)).unwrap();
        assert_eq!(
            seen.last(),
            Some(&texts.len()),
            "progress reaches the total: {seen:?}"
        );
        for (text, v) in texts.iter().zip(&all) {
            assert_eq!(v.len(), hidden);
            assert!(
                (dot(v, v) - 1.0).abs() < 1e-5,
                "{text:?} has norm² {}",
                dot(v, v)
            );
            // Alone, or with other texts: the same bits.
            let alone = model.embed(&[text], &mut |_| {}).unwrap();
            assert_eq!(&alone[0], v, "{text:?}, hidden size {hidden}, {arch:?}");
        }
        assert_ne!(all[0], all[1]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn long_texts_are_cut_to_the_model_positions() {
    for arch in [Arch::Bert, Arch::Mpnet] {
        let dir = scratch(&format!("long-{arch:?}"));
        tiny_model_of(&dir, HIDDEN, arch);
        let model = Model::load(&dir).unwrap();
        // MPNet has POSITIONS + 1 position vectors, counted from the padding id (0) plus one.
        let long = "what is a thread and ".repeat(40);
        assert_eq!(model.tokens(&long).unwrap().len(), POSITIONS, "{arch:?}");
        let v = model.embed(&[long.as_str()], &mut |_| {}).unwrap();
        assert!((dot(&v[0], &v[0]) - 1.0).abs() < 1e-5);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn the_relative_position_bias_moves_the_vectors() {
    let dir = scratch("bias");
    tiny_model_of(&dir, HIDDEN, Arch::Mpnet);
    let texts = ["How do the stack and the heap differ?", "What is a thread?"];
    let before = Model::load(&dir)
        .unwrap()
        .embed(&texts, &mut |_| {})
        .unwrap();
    let path = dir.join("model.safetensors");
    let mut tensors = candle_core::safetensors::load(&path, &Device::Cpu).unwrap();
    // A bias that favours some distances strongly (the random one is too weak to tell).
    let strong: Vec<f32> = (0..BUCKETS * 4)
        .map(|i| ((i % 7) as f32 - 3.0) * 3.0)
        .collect();
    let strong = Tensor::from_vec(strong, (BUCKETS, 4), &Device::Cpu).unwrap();
    tensors.insert("encoder.relative_attention_bias.weight".into(), strong);
    candle_core::safetensors::save(&tensors, &path).unwrap();
    let after = Model::load(&dir)
        .unwrap()
        .embed(&texts, &mut |_| {})
        .unwrap();
    // Without the bias the vectors would be the same bits (a text's vector is deterministic);
    // random weights leave them close, so only the bits are compared.
    for ((b, a), text) in before.iter().zip(&after).zip(texts) {
        assert_ne!(b, a, "the bias changed nothing for {text:?}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn sentence_bert_config_sets_the_length_and_the_fingerprint() {
    let dir = scratch("seq-length");
    tiny_model(&dir);
    let plain = fingerprint(&dir).unwrap();
    let long = "what is a thread and ".repeat(40);
    // The default length, written out: nothing changes.
    std::fs::write(
        dir.join("sentence_bert_config.json"),
        r#"{"max_seq_length": 256}"#,
    )
    .unwrap();
    assert_eq!(fingerprint(&dir).unwrap(), plain);
    assert_eq!(
        Model::load(&dir).unwrap().tokens(&long).unwrap().len(),
        POSITIONS
    );
    std::fs::write(
        dir.join("sentence_bert_config.json"),
        r#"{"max_seq_length": 10}"#,
    )
    .unwrap();
    assert_ne!(fingerprint(&dir).unwrap(), plain);
    assert_eq!(Model::load(&dir).unwrap().tokens(&long).unwrap().len(), 10);
    std::fs::write(
        dir.join("sentence_bert_config.json"),
        r#"{"max_seq_length": "many"}"#,
    )
    .unwrap();
    let e = Model::load(&dir).unwrap_err().to_string();
    assert!(
        e.contains("sentence_bert_config.json") && e.contains("not a number of tokens"),
        "{e}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_or_broken_file_is_an_error_that_names_it() {
    let dir = scratch("broken");
    tiny_model(&dir);
    std::fs::write(dir.join("config.json"), "{\"hidden_size\": 3}").unwrap();
    let e = Model::load(&dir).unwrap_err().to_string();
    assert!(
        e.contains("config.json") && e.contains("not a BERT or MPNet configuration"),
        "{e}"
    );
    tiny_model(&dir);
    edit_json(&dir, "config.json", &["model_type"], "roberta".into());
    let e = Model::load(&dir).unwrap_err().to_string();
    assert!(e.contains("model_type \"roberta\" is not supported"), "{e}");
    // An MPNet whose positions all lie at or before the padding id has no room for a text.
    tiny_model_of(&dir, HIDDEN, Arch::Mpnet);
    edit_json(&dir, "config.json", &["pad_token_id"], u32::MAX.into());
    let e = Model::load(&dir).unwrap_err().to_string();
    assert!(e.contains("leaves no room for a text"), "{e}");
    tiny_model(&dir);
    std::fs::remove_file(dir.join("model.safetensors")).unwrap();
    let e = Model::load(&dir).unwrap_err().to_string();
    assert!(e.contains("model.safetensors"), "{e}");
    std::fs::write(dir.join("model.safetensors"), b"not weights").unwrap();
    let e = Model::load(&dir).unwrap_err().to_string();
    assert!(e.contains("model.safetensors"), "{e}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn hostile_configurations_are_errors_or_run_never_a_panic() {
    let dir = scratch("hostile");
    let edits: [(&str, serde_json::Value); 10] = [
        ("hidden_size", 0.into()),
        ("hidden_size", 3.into()),
        ("num_attention_heads", 0.into()),
        ("num_hidden_layers", 0.into()),
        ("intermediate_size", 0.into()),
        ("vocab_size", 0.into()),
        ("max_position_embeddings", 0.into()),
        ("relative_attention_num_buckets", 7.into()),
        ("layer_norm_eps", (-1.0).into()),
        ("hidden_act", "relu".into()),
    ];
    for arch in [Arch::Bert, Arch::Mpnet] {
        // A tokenizer that gives ids past the model's table of words.
        tiny_model_of(&dir, HIDDEN, arch);
        edit_json(
            &dir,
            "tokenizer.json",
            &["model", "vocab", "thread"],
            4000.into(),
        );
        if let Ok(model) = Model::load(&dir) {
            let e = model.embed(&["What is a thread?"], &mut |_| {});
            assert!(e.is_err(), "{arch:?}: an id past the table was read");
        }
        for (key, value) in &edits {
            tiny_model_of(&dir, HIDDEN, arch);
            edit_json(&dir, "config.json", &[key], value.clone());
            // Either refused with a message, or run: vectors of the configured length.
            if let Ok(model) = Model::load(&dir) {
                if let Ok(v) = model.embed(&["What is a thread?", ""], &mut |_| {}) {
                    assert!(v.iter().all(|v| v.len() == model.dim()), "{arch:?} {key}");
                }
            }
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn verify_checks_each_file_against_its_pinned_sum() {
    let dir = scratch("verify");
    std::fs::write(dir.join("a.txt"), "abc").unwrap();
    std::fs::write(dir.join("b.txt"), "").unwrap();
    let good = [
        PinnedFile {
            name: "a.txt",
            sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        },
        PinnedFile {
            name: "b.txt",
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        },
    ];
    verify(&dir, &good).unwrap();
    std::fs::write(dir.join("b.txt"), "tampered").unwrap();
    let e = verify(&dir, &good).unwrap_err().to_string();
    assert!(
        e.contains("b.txt") && e.contains("expected e3b0c442"),
        "{e}"
    );
    std::fs::remove_file(dir.join("a.txt")).unwrap();
    let e = verify(&dir, &good).unwrap_err().to_string();
    assert!(e.contains("a.txt"), "{e}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_fingerprint_follows_the_weights() {
    let dir = scratch("fingerprint");
    tiny_model(&dir);
    let first = fingerprint(&dir).unwrap();
    assert_eq!(first.len(), 16);
    assert_eq!(Model::load(&dir).unwrap().id(), first);
    let mut bytes = std::fs::read(dir.join("model.safetensors")).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(dir.join("model.safetensors"), bytes).unwrap();
    assert_ne!(fingerprint(&dir).unwrap(), first);
    std::fs::remove_dir_all(dir).unwrap();
}
