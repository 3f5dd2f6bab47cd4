//! Integration tests: committed models, determinism of training, Doc
//! annotation, and (when the shared data is present) accuracy on EWT dev.

use claimgraph_doc::{labels, Doc, Meta, Sentence, Span, Token, TokenShape, NO_HEAD};
use claimgraph_syntax::parser::ParserOptions;
use claimgraph_syntax::tagger::{self, TaggerOptions};
use claimgraph_syntax::train::{self, GoldSentence};
use claimgraph_syntax::{bench, conllu, parser, Syntax};
use std::path::Path;

const MINI: &str = "\
# newdoc id = t1
# text = The Kremlin denied the claims.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tKremlin\tKremlin\tPROPN\tNNP\t_\t3\tnsubj\t_\t_
3\tdenied\tdeny\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tclaims\tclaim\tNOUN\tNNS\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = She said that he was wrong.
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_
4\the\the\tPRON\tPRP\t_\t6\tnsubj\t_\t_
5\twas\tbe\tAUX\tVBD\t_\t6\tcop\t_\t_
6\twrong\twrong\tADJ\tJJ\t_\t2\tccomp\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# newdoc id = GUM_fiction_x
# text = Officials rejected it.
1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\trejected\treject\tVERB\tVBD\t_\t0\troot\t_\t_
3\tit\tit\tPRON\tPRP\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# newdoc id = t2
# text = A spokesman for the ministry told reporters on Monday that the report was false.
1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tspokesman\tspokesman\tNOUN\tNN\t_\t6\tnsubj\t_\t_
3\tfor\tfor\tADP\tIN\t_\t5\tcase\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tministry\tministry\tNOUN\tNN\t_\t2\tnmod\t_\t_
6\ttold\ttell\tVERB\tVBD\t_\t0\troot\t_\t_
7\treporters\treporter\tNOUN\tNNS\t_\t6\tiobj\t_\t_
8\ton\ton\tADP\tIN\t_\t9\tcase\t_\t_
9\tMonday\tMonday\tPROPN\tNNP\t_\t6\tobl:tmod\t_\t_
10\tthat\tthat\tSCONJ\tIN\t_\t14\tmark\t_\t_
11\tthe\tthe\tDET\tDT\t_\t12\tdet\t_\t_
12\treport\treport\tNOUN\tNN\t_\t14\tnsubj\t_\t_
13\twas\tbe\tAUX\tVBD\t_\t14\tcop\t_\t_
14\tfalse\tfalse\tADJ\tJJ\t_\t6\tccomp\t_\tSpaceAfter=No
15\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_
";

fn mini_corpus() -> Vec<GoldSentence> {
    let dir = std::env::temp_dir().join(format!("cg-syntax-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("mini.conllu");
    std::fs::write(&p, MINI).unwrap();
    let s = train::load(std::slice::from_ref(&p)).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    s
}

#[test]
fn gum_noncommercial_genres_are_skipped() {
    let s = mini_corpus();
    assert_eq!(s.len(), 3);
    assert!(s.iter().all(|g| g.forms[0] != "Officials"));
}

#[test]
fn training_is_deterministic() {
    let data = mini_corpus();
    let run = || {
        let dir = std::env::temp_dir().join(format!(
            "cg-syntax-det-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let topt = TaggerOptions {
            epochs: 3,
            seed: 5,
            prune: 0,
            two_pass: true,
            seeds: 2,
            verbose: false,
        };
        let t = tagger::train(&data, &[], &topt);
        let popt = train::ParserTrainOptions {
            parser: ParserOptions {
                epochs: 3,
                seed: 5,
                prune_moves: 0,
                prune_labels: 0,
                verbose: false,
                ..Default::default()
            },
            tagger: TaggerOptions {
                epochs: 2,
                ..topt.clone()
            },
            jackknife_folds: 2,
            margin: train::BeamMargin::Fixed(Some(20_000)),
        };
        let p = train::train_parser(&data, &[], None, &popt, &dir).unwrap();
        let lexical_opt = train::ParserTrainOptions {
            parser: ParserOptions {
                lexical: true,
                ..popt.parser.clone()
            },
            ..popt.clone()
        };
        let pl = train::train_parser(&data, &[], None, &lexical_opt, &dir).unwrap();
        assert!(pl.lexical() && !p.lexical());
        assert!(claimgraph_syntax::parser::Parser::from_bytes(&pl.to_bytes())
            .unwrap()
            .lexical());
        let beam_opt = train::ParserTrainOptions {
            parser: ParserOptions {
                beam: 4,
                ..popt.parser.clone()
            },
            ..popt.clone()
        };
        let pb = train::train_parser(&data, &[], None, &beam_opt, &dir).unwrap();
        assert_eq!((p.beam(), pb.beam()), (1, 4));
        assert_eq!((p.margin(), pb.margin()), (None, Some(20_000)));
        let bytes = (
            t.to_bytes(),
            pb.to_bytes(),
            std::fs::read(dir.join("parser.bin")).unwrap(),
            p.to_bytes(),
            pl.to_bytes(),
        );
        std::fs::remove_dir_all(&dir).ok();
        bytes
    };
    let a = run();
    let b = run();
    assert!(!a.0.is_empty() && !a.1.is_empty());
    assert_eq!(a.0, b.0, "tagger bytes differ");
    assert_eq!(a.1, b.1, "beam parser bytes differ");
    assert_eq!(a.3, b.3, "greedy parser bytes differ");
    assert_eq!(a.4, b.4, "lexical parser bytes differ");
    assert_ne!(a.3, a.4);
    assert_eq!(a.1, a.2);
    // The beam width survives writing and reading.
    let read = claimgraph_syntax::parser::Parser::from_bytes(&a.1).unwrap();
    assert_eq!((read.beam(), read.margin()), (4, Some(20_000)));
    assert_eq!(read.to_bytes(), a.1);
}

/// `--beam-margin auto`: the margin chosen on the dev data keeps the dev
/// UAS within the tolerance of the full beam's.
#[test]
fn beam_margin_is_tuned_on_dev() {
    let data = mini_corpus();
    let dir = std::env::temp_dir().join(format!("cg-syntax-margin-{}", std::process::id()));
    let topt = TaggerOptions {
        epochs: 3,
        seed: 5,
        prune: 0,
        two_pass: false,
        seeds: 1,
        verbose: false,
    };
    let t = tagger::train(&data, &[], &topt);
    let opt = train::ParserTrainOptions {
        parser: ParserOptions {
            epochs: 3,
            seed: 5,
            prune_moves: 0,
            prune_labels: 0,
            beam: 4,
            verbose: false,
            ..Default::default()
        },
        tagger: topt,
        jackknife_folds: 2,
        margin: train::BeamMargin::Tune,
    };
    let p = train::train_parser(&data, &data, Some(&t), &opt, &dir).unwrap();
    // The model set read back searches with the tuned margin, or another
    // one given at parse time.
    std::fs::write(dir.join("tagger.bin"), t.to_bytes()).unwrap();
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    std::fs::copy(models.join("lemma.bin"), dir.join("lemma.bin")).unwrap();
    let loaded = Syntax::load(&dir).unwrap();
    assert_eq!((loaded.parser().beam(), loaded.parser().margin()), (4, p.margin()));
    assert_eq!(loaded.with_beam_margin(Some(7)).parser().margin(), Some(7));
    std::fs::remove_dir_all(&dir).ok();
    let m = p.margin();
    assert!(m.is_none_or(|m| train::MARGIN_GRID.contains(&m)), "{m:?}");
    let chosen = claimgraph_syntax::bench::evaluate_parts(&t, &p, &data).uas;
    let full = claimgraph_syntax::bench::evaluate_parts(&t, &p.with_margin(None), &data).uas;
    assert!(chosen >= full - train::MARGIN_TOLERANCE, "{chosen} vs {full}");
}

fn idx(table: &[&str], s: &str) -> u8 {
    labels::index_of(table, s)
}

#[test]
fn committed_models_load_and_parse() {
    let t0 = std::time::Instant::now();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    let s = Syntax::load(&dir).expect("models/ loads");
    assert!(t0.elapsed().as_secs_f64() < 2.0);
    let e = Syntax::embedded();
    for sy in [&s, e] {
        let a = sy.analyze_words(&["The", "Kremlin", "denied", "the", "claims", "."]);
        assert_eq!(a.len(), 6);
        assert_eq!(a[2].head, None, "{a:?}");
        assert_eq!(a[2].deprel, idx(labels::DEPREL, "root"));
        assert_eq!(a[1].head, Some(2));
        assert_eq!(a[1].deprel, idx(labels::DEPREL, "nsubj"));
        assert_eq!(a[4].head, Some(2));
        assert_eq!(a[4].deprel, idx(labels::DEPREL, "obj"));
        assert_eq!(a[2].upos, idx(labels::UPOS, "VERB"));
        assert_eq!(a[2].xpos, idx(labels::XPOS, "VBD"));
        assert_eq!(sy.lemma("denied", a[2].xpos), "deny");
        assert_eq!(sy.lemma("claims", a[4].xpos), "claim");
    }
    assert!(e.analyze_words(&[]).is_empty());
}

#[test]
fn long_sentences_are_parsed() {
    let s = Syntax::embedded();
    let words: Vec<&str> = ["The", "man", "said", "that", "it", "rained", ",", "and"]
        .iter()
        .cycle()
        .take(1000)
        .copied()
        .collect();
    let a = s.analyze_words(&words);
    assert_eq!(a.len(), 1000);
    assert_eq!(a.iter().filter(|x| x.head.is_none()).count(), 1);
    assert!(a.iter().all(|x| x.head.is_none_or(|h| h < 1000)));
}

#[test]
fn annotate_sets_doc_level_heads() {
    let text = "Hello there. The Kremlin denied the claims.";
    let mut doc = Doc::new(Meta::default(), text.to_string());
    let mut pos = 0;
    let mut words = Vec::new();
    for w in ["Hello", "there", ".", "The", "Kremlin", "denied", "the", "claims", "."] {
        let start = text[pos..].find(w).unwrap() + pos;
        pos = start + w.len();
        words.push(Token::new(Span::new(start, pos), TokenShape::Word));
    }
    doc.tokens = words;
    doc.sentences = vec![
        Sentence {
            span: Span::new(0, 12),
            tokens: 0..3,
            paragraph: 0,
        },
        Sentence {
            span: Span::new(13, text.len()),
            tokens: 3..9,
            paragraph: 0,
        },
    ];
    Syntax::embedded().annotate(&mut doc);
    let t = &doc.tokens;
    assert_eq!(t[5].head, NO_HEAD);
    assert_eq!(t[4].head, 5);
    assert_eq!(t[4].deprel, idx(labels::DEPREL, "nsubj"));
    for (i, tok) in t.iter().enumerate() {
        assert_ne!(tok.upos, 0);
        if tok.head != NO_HEAD {
            let r = if i < 3 { 0..3 } else { 3..9 };
            assert!(r.contains(&(tok.head as usize)), "token {i} head {}", tok.head);
        }
    }
    assert_eq!(t[..3].iter().filter(|x| x.head == NO_HEAD).count(), 1);
}

/// The embedded parser is read only when a sentence is first parsed, and
/// the parse on demand equals the eager one.
#[test]
fn parser_loads_at_first_parse() {
    use claimgraph_doc::SentenceParser;
    static TAGGER: &[u8] = include_bytes!("../../../models/tagger.bin");
    static PARSER: &[u8] = include_bytes!("../../../models/parser.bin");
    static LEMMA: &[u8] = include_bytes!("../../../models/lemma.bin");
    let text = "Hello there. The Kremlin denied the claims.";
    let mut doc = Doc::new(Meta::default(), text.to_string());
    let mut pos = 0;
    for w in ["Hello", "there", ".", "The", "Kremlin", "denied", "the", "claims", "."] {
        let start = text[pos..].find(w).unwrap() + pos;
        pos = start + w.len();
        doc.tokens.push(Token::new(Span::new(start, pos), TokenShape::Word));
    }
    doc.sentences = vec![
        Sentence {
            span: Span::new(0, 12),
            tokens: 0..3,
            paragraph: 0,
        },
        Sentence {
            span: Span::new(13, text.len()),
            tokens: 3..9,
            paragraph: 0,
        },
    ];
    let lazy = Syntax::from_static(TAGGER, PARSER, LEMMA).unwrap();
    let mut tagged = doc.clone();
    lazy.tag(&mut tagged);
    assert!(!lazy.parser_loaded(), "tagging must not read the parser");
    let arcs = lazy.parse_sentence(&tagged, 1);
    assert!(lazy.parser_loaded());
    let mut eager = doc.clone();
    Syntax::embedded().annotate(&mut eager);
    let want: Vec<(u32, u8)> = eager.tokens[3..9].iter().map(|t| (t.head, t.deprel)).collect();
    assert_eq!(arcs, want);
}

#[test]
fn conllu_output_keeps_columns() {
    let s = Syntax::embedded();
    let mut sents = conllu::parse(MINI).unwrap();
    let before = sents[0].clone();
    claimgraph_syntax::annotate_conllu(s, &mut sents[0]);
    let (a, b): (Vec<_>, Vec<_>) = (before.words().collect(), sents[0].words().collect());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((&x.form, &x.misc, x.id), (&y.form, &y.misc, y.id));
    }
    assert_eq!(b[2].head, 0);
    assert_eq!(b[2].lemma, "deny");
    let out = claimgraph_syntax::to_conllu(
        s,
        &[
            vec!["He", "denied", "it", "."],
            vec!["\"", "No", ",", "\"", "he", "said", "."],
        ],
    );
    let back = conllu::parse(&out).unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back[1].words().next().unwrap().form, "\"");
}

fn shared() -> Option<std::path::PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("../../../shared/data"),
        Path::new("/work/shared/data").to_path_buf(),
    ]
    .into_iter()
    .find(|p| p.join("ud-english-ewt/en_ewt-ud-dev.conllu").exists())
}

#[test]
fn ewt_dev_accuracy() {
    let Some(data) = shared() else {
        eprintln!("skipped: shared data (../shared/data) not found");
        return;
    };
    let dev = bench::load_gold(&data.join("ud-english-ewt/en_ewt-ud-dev.conllu")).unwrap();
    let a = bench::evaluate(Syntax::embedded(), &dev);
    eprintln!("EWT dev: {a}");
    assert!(a.upos > 94.5, "{a}");
    assert!(a.uas > 83.0, "{a}");
    assert!(a.las > 79.0, "{a}");
    assert_eq!(a.sentences, 2001);
    let _ = parser::NO;
}
