//! Fixed label tables for the syntax layer. `Token::upos`, `Token::xpos` and
//! `Token::deprel` are indices into these; index 0 is "unknown / not tagged".
//! The tables only grow at the end, so stored indices stay valid.

/// Universal POS tags (UD v2), index 0 = not tagged.
pub const UPOS: &[&str] = &[
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
    "SYM", "VERB", "X",
];

/// Penn Treebank tags as used in UD English (EWT, GUM), index 0 = not tagged.
pub const XPOS: &[&str] = &[
    "_", "NN", "IN", "DT", "NNP", "JJ", "PRP", ".", "RB", ",", "NNS", "VB", "CC", "VBD", "VBP", "VBZ", "CD", "VBN",
    "VBG", "TO", "PRP$", "MD", "UH", ":", "WDT", "-RRB-", "-LRB-", "WRB", "``", "''", "RP", "HYPH", "WP", "POS",
    "NNPS", "JJR", "JJS", "EX", "RBR", "SYM", "FW", "NFP", "$", "PDT", "GW", "ADD", "RBS", "LS", "AFX", "WP$",
];

/// UD English basic dependency relations (with the subtypes EWT and GUM
/// use), index 0 = no relation.
pub const DEPREL: &[&str] = &[
    "_",
    "punct",
    "case",
    "det",
    "nsubj",
    "root",
    "advmod",
    "amod",
    "obj",
    "obl",
    "conj",
    "nmod",
    "cc",
    "compound",
    "mark",
    "aux",
    "cop",
    "advcl",
    "nmod:poss",
    "xcomp",
    "acl:relcl",
    "flat",
    "ccomp",
    "acl",
    "parataxis",
    "nummod",
    "aux:pass",
    "appos",
    "nsubj:pass",
    "discourse",
    "obl:unmarked",
    "nmod:unmarked",
    "compound:prt",
    "expl",
    "fixed",
    "iobj",
    "list",
    "reparandum",
    "obl:agent",
    "dep",
    "csubj",
    "nmod:desc",
    "nsubj:outer",
    "advcl:relcl",
    "det:predet",
    "vocative",
    "goeswith",
    "cc:preconj",
    "orphan",
    "dislocated",
    "csubj:pass",
    "csubj:outer",
    "obl:tmod",
    "obl:npmod",
    "nmod:tmod",
    "nmod:npmod",
    "flat:foreign",
    "det:poss",
    "expl:pv",
];

/// XPOS indices of finite verbs and modals (VBD, VBP, VBZ, MD): compared
/// as integers where a rule asks it per token.
pub const XPOS_FINITE: [u8; 4] = [13, 14, 15, 21];

/// Index of a label in a table; 0 when absent.
pub fn index_of(table: &[&str], label: &str) -> u8 {
    table.iter().position(|&l| l == label).unwrap_or(0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_verb_indices_name_finite_verbs() {
        let names: Vec<&str> = XPOS_FINITE.iter().map(|&i| XPOS[i as usize]).collect();
        assert_eq!(names, ["VBD", "VBP", "VBZ", "MD"]);
    }

    #[test]
    fn tables_fit_u8_and_are_unique() {
        for t in [UPOS, XPOS, DEPREL] {
            assert!(t.len() < 256);
            let mut v = t.to_vec();
            v.sort();
            v.dedup();
            assert_eq!(v.len(), t.len());
        }
        assert_eq!(index_of(DEPREL, "nsubj:pass"), 28);
        assert_eq!(index_of(UPOS, "nope"), 0);
    }
}
