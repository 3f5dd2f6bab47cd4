//! The stable JSON output contract (shared/docs/output-contract.md).
//! Fields may be added here, never renamed or removed.

use serde::{Deserialize, Serialize};

use crate::{CharIndex, Doc, Span};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ContractDoc {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub statements: Vec<ContractStatement>,
    pub entities: Vec<ContractEntity>,
    pub events: Vec<ContractEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ContractStatement {
    pub content: String,
    pub start: u32,
    pub end: u32,
    pub kind: String,
    pub speaker: String,
    pub speaker_type: String,
    pub speaker_mention: Option<String>,
    pub speaker_start: Option<u32>,
    pub speaker_end: Option<u32>,
    pub cue: Option<String>,
    #[serde(default)]
    pub cue_start: Option<u32>,
    #[serde(default)]
    pub cue_end: Option<u32>,
    pub stance: String,
    pub hedges: Vec<String>,
    pub about: Vec<String>,
    pub via: Option<usize>,
    pub claim: Option<String>,
    /// Who passed the speaker's words on ("TASS, citing a source …,
    /// reported": the source is the speaker, TASS relays); absent when the
    /// text names no one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relayed_by: Option<ContractRelay>,
}

/// The outlet or person that relayed a statement, with where the text
/// names it and the relaying word ("citing", "quoting", "quoted by").
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ContractRelay {
    pub name: String,
    #[serde(rename = "type")]
    pub speaker_type: String,
    pub mention: Option<String>,
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub cue: String,
    pub cue_start: u32,
    pub cue_end: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ContractEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub role: Option<String>,
    pub mentions: Vec<[u32; 2]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ContractEvent {
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub code: Option<String>,
    pub date: Option<String>,
    pub places: Vec<String>,
    pub start: u32,
    pub end: u32,
    /// Index of the statement that reports the event ("Ukraine said
    /// Russian drones struck …"), or null when the article tells it.
    #[serde(default)]
    pub statement: Option<usize>,
}

pub(crate) fn to_contract(doc: &Doc, with_text: bool) -> ContractDoc {
    let idx = CharIndex::new(doc.text());
    let ch = |b: u32| idx.char_offset(b);
    let opt_span = |s: Option<Span>| s.map(|s| (doc.slice(s).to_string(), ch(s.start), ch(s.end)));
    let statements = doc
        .statements
        .iter()
        .map(|s| {
            let mention = opt_span(s.speaker_mention);
            let cue = opt_span(s.cue);
            ContractStatement {
                content: doc.slice(s.content).to_string(),
                start: ch(s.content.start),
                end: ch(s.content.end),
                kind: s.kind.as_str().into(),
                speaker: s.speaker.clone(),
                speaker_type: s.speaker_type.as_str().into(),
                speaker_mention: mention.as_ref().map(|m| m.0.clone()),
                speaker_start: mention.as_ref().map(|m| m.1),
                speaker_end: mention.as_ref().map(|m| m.2),
                cue: cue.as_ref().map(|c| c.0.clone()),
                cue_start: cue.as_ref().map(|c| c.1),
                cue_end: cue.as_ref().map(|c| c.2),
                stance: s.stance.as_str().into(),
                hedges: s.hedges.clone(),
                about: s.about.clone(),
                via: s.via,
                claim: s.claim.clone(),
                relayed_by: s.relayed_by.as_ref().map(|r| {
                    let m = opt_span(r.mention);
                    ContractRelay {
                        name: r.name.clone(),
                        speaker_type: r.speaker_type.as_str().into(),
                        mention: m.as_ref().map(|m| m.0.clone()),
                        start: m.as_ref().map(|m| m.1),
                        end: m.as_ref().map(|m| m.2),
                        cue: doc.slice(r.cue).to_string(),
                        cue_start: ch(r.cue.start),
                        cue_end: ch(r.cue.end),
                    }
                }),
            }
        })
        .collect();
    let entities = doc
        .entities
        .iter()
        .map(|e| ContractEntity {
            name: e.name.clone(),
            etype: e.etype.as_str().into(),
            role: e.role.clone(),
            mentions: e.mentions.iter().map(|m| [ch(m.start), ch(m.end)]).collect(),
            aliases: e.aliases.clone(),
            affiliation: e.affiliation.clone(),
        })
        .collect();
    let events = doc
        .events
        .iter()
        .map(|e| ContractEvent {
            actor: e.actor.clone(),
            action: e.action.clone(),
            target: e.target.clone(),
            code: e.code.clone(),
            date: e.date.clone(),
            places: e.places.clone(),
            start: ch(e.span.start),
            end: ch(e.span.end),
            statement: e.statement,
        })
        .collect();
    ContractDoc {
        id: doc.meta.id.clone(),
        source: doc.meta.source.clone(),
        title: doc.meta.title.clone(),
        published: doc.meta.published.clone(),
        language: if doc.meta.language.is_empty() {
            "en".into()
        } else {
            doc.meta.language.clone()
        },
        outlet: doc.meta.outlet.clone(),
        statements,
        entities,
        events,
        text: with_text.then(|| doc.text().to_string()),
    }
}
