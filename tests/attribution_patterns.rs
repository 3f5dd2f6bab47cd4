//! Attribution patterns met in real coverage, one short invented text each
//! (not dev-set sentences): the speaker, cue and stance the engine must give
//! (and, at the end, entity names that need the tagged pipeline).
//! Each case names the pattern it guards, so a regression says which broke.

use claimgraph_doc::{Doc, Meta, Stance};
use claimgraph_ingest::RawDoc;

fn analyze(body: &str) -> Doc {
    // A first line and a blank line: the headline the text reader sees.
    analyze_text(&format!("Headline\n\n{body}\n"))
}

/// A whole text, its own headline and paragraphs included.
fn analyze_text(text: &str) -> Doc {
    claimgraph::pipeline::analyze(RawDoc {
        meta: Meta {
            id: "pattern".to_string(),
            source: "pattern.txt".to_string(),
            language: "en".to_string(),
            ..Meta::default()
        },
        text: text.to_string(),
        header: None,
    })
}

/// The statement whose content starts with `content`: (speaker, cue, stance).
fn statement(doc: &Doc, content: &str) -> (String, String, Stance) {
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).trim_start_matches(['“', '"']).starts_with(content))
        .unwrap_or_else(|| {
            let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
            panic!("no statement starting {content:?}; found {found:?}")
        });
    (
        s.speaker.clone(),
        s.cue.map(|c| doc.slice(c).to_string()).unwrap_or_default(),
        s.stance,
    )
}

/// The speaker mention of the statement whose content starts with `content`.
fn mention_of<'d>(doc: &'d Doc, content: &str) -> Option<&'d str> {
    doc.statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with(content))
        .and_then(|s| s.speaker_mention)
        .map(|m| doc.slice(m))
}

/// The whole content of the statement whose content starts with `start`.
fn content_starting<'d>(doc: &'d Doc, start: &str) -> &'d str {
    doc.statements
        .iter()
        .map(|s| doc.slice(s.content))
        .find(|c| c.starts_with(start))
        .unwrap_or_else(|| panic!("no statement starting {start:?}"))
}

#[test]
fn role_apposition_with_an_organisation_names_the_person() {
    let doc = analyze(
        "In a radio interview, Maria Lopes, head of climate research at the Northern Polar Institute, \
         a public laboratory in Norway, described the findings as \"a warning.\"",
    );
    assert_eq!(statement(&doc, "the findings").0, "Maria Lopes");
}

#[test]
fn closing_quote_without_opening_mark_is_the_statement_not_the_channel() {
    let doc = analyze(
        "The shipment was never delayed and arrived complete,” the Dutch Ministry of Trade said on Monday, \
         according to Reuters.",
    );
    let (speaker, cue, _) = statement(&doc, "The shipment was never delayed");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Dutch Ministry of Trade", "said"));
}

#[test]
fn forces_and_authorities_speak_through_their_defense_ministry() {
    let doc = analyze(
        "The Freedonian military said on Sunday that the convoy had left the valley. \
         The Freedonian Ministry of Defense said the roads were open. \
         The Freedonian authorities stated that no shots were fired.",
    );
    // Freedonia is no country in the gazetteer: the rule reads the words.
    for content in ["the convoy had left", "no shots were fired"] {
        assert_eq!(
            statement(&doc, content).0,
            "Freedonian Ministry of Defense",
            "{content}"
        );
    }
}

#[test]
fn groups_are_named_by_who_leads_them_and_taken_up_later() {
    let doc = analyze(
        "The survey team, led by Anna Berg and Omar Haddad of Lund University, says that the sample was too small. \
         \"We will repeat the count,\" the researchers said. \
         However, they added: \"The trend itself is not in doubt.\"",
    );
    let team = "survey team led by Anna Berg and Omar Haddad";
    assert_eq!(statement(&doc, "the sample was too small").0, team);
    assert_eq!(statement(&doc, "We will repeat the count").0, team);
    assert_eq!(statement(&doc, "The trend itself").0, team);
}

#[test]
fn adverbials_and_dash_parentheticals_between_speaker_and_cue() {
    let doc = analyze(
        "Opposition candidate Lee Min-ho, who leads in the polls, has in turn called the vote \"a referendum.\" \
         The harbour authority -- which runs the port under city control -- said two ships were damaged.",
    );
    assert_eq!(statement(&doc, "the vote").0, "Lee Min-ho");
    assert_eq!(statement(&doc, "two ships were damaged").0, "harbour authority");
}

#[test]
fn talk_of_a_likelihood_is_speculation_and_noun_sources_report() {
    let doc = analyze(
        "Local analysts have discussed the likelihood of the bridge being closed. \
         The Daily Courier pointed to earlier news reports reporting that the mayor had resigned.",
    );
    let (speaker, cue, stance) = statement(&doc, "the likelihood of the bridge");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("local analysts", "discussed", Stance::Speculate)
    );
    let (speaker, cue, _) = statement(&doc, "the mayor had resigned");
    assert_eq!((speaker.as_str(), cue.as_str()), ("earlier news reports", "reporting"));
}

#[test]
fn an_attributive_possible_does_not_hedge() {
    let doc = analyze("The minister said that the city must prepare for a possible flood this spring.");
    assert_eq!(statement(&doc, "the city must prepare").2, Stance::Assert);
}

#[test]
fn a_pronoun_continues_the_speaker_who_opened_the_sentence_before() {
    let doc = analyze(
        "Coach Erik Lund says the team trained hard all winter. \
         Nora Vik, the team's physiotherapist, says the players stayed healthy. \
         She says the club considers the season a success.",
    );
    assert_eq!(statement(&doc, "the club considers").0, "Nora Vik");
}

#[test]
fn a_sentence_opening_referring_to_is_the_main_subjects_statement() {
    let doc = analyze(
        "The Harbour Gazette said the strike had ended. Referring to delays in freight, customs, and rail traffic, \
         the newspaper notes that the port lost a week.",
    );
    let (speaker, cue, _) = statement(&doc, "delays in freight");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Harbour Gazette", "Referring to"));
}

#[test]
fn naming_passives_and_unsaid_wh_clauses_are_not_statements() {
    let doc = analyze(
        "The lab uses a device called the Spectrograph to test samples. \
         The delegation was initially denied entry at the border. \
         Officials have not said why the delegation was stopped.",
    );
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_sentence_initial_capital_is_no_name_and_titles_govern_places() {
    let doc = analyze(
        "Recent reports have revealed that the mill was sold. \
         Minister of Foreign Affairs Olga Berg said the talks would resume. \
         The ambassador to the United Kingdom Jonas Weber said the embassy stays open.",
    );
    assert_eq!(statement(&doc, "the mill was sold").0, "recent reports");
    assert_eq!(statement(&doc, "the talks would resume").0, "Olga Berg");
    assert_eq!(statement(&doc, "the embassy stays open").0, "Jonas Weber");
}

#[test]
fn a_denial_word_deep_in_a_long_content_does_not_make_a_denial() {
    let doc = analyze(
        "The army said it would destroy any loudspeakers along the border that keep broadcasting propaganda \
         to its soldiers after the weekend.",
    );
    assert_eq!(statement(&doc, "it would destroy").2, Stance::Assert);
}

#[test]
fn multiword_place_names_stay_whole_in_government_names() {
    let doc = analyze("On Tuesday, the New Zealand government announced that the referendum would be held in March.");
    assert_eq!(
        statement(&doc, "the referendum would be held").0,
        "New Zealand government"
    );
}

#[test]
fn a_body_named_between_a_title_and_a_person_is_left_out() {
    let doc = analyze(
        "After the vote, CEO of the Harbour Council Ines Moreau told reporters that the plan \"must be rethought\". \
         Executive director of the Council on Arctic Relations Pavel Nyberg said the treaty would hold.",
    );
    let (speaker, _, _) = statement(&doc, "the plan");
    assert_eq!(speaker, "Ines Moreau");
    assert_eq!(statement(&doc, "the treaty would hold").0, "Pavel Nyberg");
    let s = doc.statements.iter().find(|s| s.speaker == "Ines Moreau").unwrap();
    assert_eq!(s.speaker_type, claimgraph_doc::SpeakerType::Person);
}

#[test]
fn coordinated_passives_and_fronted_adverbials_give_no_speaker() {
    let doc = analyze(
        "I was basically hauled in and told that the files were gone. \
         However, on the form, the office listed the unit under a new name, adding the words \"and Rescue\" to it.",
    );
    let found: Vec<(&str, &str)> = doc
        .statements
        .iter()
        .map(|s| (s.speaker.as_str(), doc.slice(s.content)))
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn calling_something_a_false_accusation_is_a_denial_however_long() {
    let doc = analyze(
        "The spokeswoman called the description of the aircraft as a military drone gathering images of the \
         northern bases a false accusation during a briefing.",
    );
    assert_eq!(statement(&doc, "the description of the aircraft").2, Stance::Deny);
}

#[test]
fn according_to_without_a_comma_and_a_place_in_an_affiliation() {
    let doc = analyze(
        "According to the Chilean Health Ministry over 40 miners have been rescued from the shaft near Copiapo, Chile. \
         Marta Ruiz, curator of maps at the University of Oregon, Eugene, said the collection would travel. \
         The mayor of Bucha, Anatoly Fedoruk, confirmed that the town was empty.",
    );
    let (speaker, _, _) = statement(&doc, "over 40 miners");
    assert_eq!(speaker, "Chilean Health Ministry");
    assert_eq!(statement(&doc, "the collection would travel").0, "Marta Ruiz");
    assert_eq!(statement(&doc, "the town was empty").0, "Anatoly Fedoruk");
}

#[test]
fn a_named_source_inside_a_quotation_reports_through_the_parse() {
    let doc = analyze(
        "Lena Holm, a historian, observed: \"When Karl Berg published a study in 2019, describing the decline of \
         the northern ports, and wrote that the fleet had lost half its ships, few believed that it would matter.\"",
    );
    let (speaker, cue, _) = statement(&doc, "the fleet had lost half its ships");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Karl Berg", "wrote"));
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the fleet"))
        .unwrap();
    assert_eq!(s.kind, claimgraph_doc::StatementKind::Indirect);
    assert!(!doc.slice(s.content).ends_with('"'), "{}", doc.slice(s.content));
    assert_eq!(statement(&doc, "the decline of the northern ports").0, "Karl Berg");
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("it would matter")));
}

#[test]
fn uncertainty_stated_in_words_is_speculation() {
    let doc =
        analyze("The inspector said that the cause of the fire remains unclear and requires further investigation.");
    assert_eq!(statement(&doc, "the cause of the fire").2, Stance::Speculate);
}

#[test]
fn sourceless_claims_name_accusers_or_point_back_to_their_source() {
    let doc = analyze(
        "The main accusations centre on claims that the port was used for smuggling. \
         Several local bloggers circulated claims that the mayor owned the ships. \
         The harbour master called the story absurd. \
         Among the circulating claims are also accusations that the customs office took bribes.",
    );
    assert_eq!(statement(&doc, "the port was used").0, "unnamed accusers");
    assert_eq!(
        statement(&doc, "the customs office took bribes").0,
        "several local bloggers"
    );
}

#[test]
fn a_quoted_term_inside_a_noun_phrase_is_no_mixed_quote() {
    let doc = analyze(
        "The newspaper casts doubt on the construction of \"green corridors\" in the northern districts. \
         The minister accused the mayor of \"playing games\" with the budget.",
    );
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).contains("green corridors"))
        .unwrap();
    assert_eq!(s.kind, claimgraph_doc::StatementKind::Indirect);
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).contains("playing games"))
        .unwrap();
    assert_eq!(s.kind, claimgraph_doc::StatementKind::Mixed);
}

#[test]
fn a_headline_that_asks_is_the_outlets_question() {
    let doc = analyze(
        "In an article titled \u{201c}Did the Council Approve the Dam?\u{201d} on the regional news website Nordpost, \
         the editors wrote that the vote had been held in secret.",
    );
    let (speaker, cue, stance) = statement(&doc, "Did the Council Approve the Dam?");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("Nordpost", "titled", Stance::Question)
    );
}

#[test]
fn pledges_and_permissions_are_assertions() {
    let doc = analyze(
        "The ministry said that the allied navy may use the port to refuel, if necessary, and that the country \
         will never abandon its allies in any scenario whatsoever, whatever the cost to its own economy.",
    );
    assert_eq!(statement(&doc, "the allied navy may use").2, Stance::Assert);
}

#[test]
fn rejecting_accusations_as_absurd_splits_the_evaluation_from_the_accusation() {
    let doc = analyze(
        "The ministry had already rejected accusations by the opposition party that the minister leaked the budget \
         to a bank as \"absurd\".",
    );
    let (speaker, _, stance) = statement(&doc, "absurd");
    assert_eq!((speaker.as_str(), stance), ("ministry", Stance::Deny));
    let (speaker, _, stance) = statement(&doc, "the minister leaked the budget");
    assert_eq!((speaker.as_str(), stance), ("opposition party", Stance::Assert));
    assert!(!doc
        .slice(
            doc.statements
                .iter()
                .find(|s| s.speaker == "opposition party")
                .unwrap()
                .content
        )
        .contains("absurd"));
}

#[test]
fn relative_clause_sources_compound_claims_and_second_predicates() {
    let doc = analyze(
        "The pressure campaign comes from Ruritania, which claims the valley as part of its own land, and it grows. \
         The agency, which announced the results on Monday, gave no details. \
         The governor dismissed the smuggling claims as \"pure fiction.\" \
         On Friday the mayor of Eastport, Lise Dahl, confirmed that the port was closed, but did not give a reason. \
         \"The levels are safe,\" the inspection report states.",
    );
    let (speaker, _, _) = statement(&doc, "the valley as part of its own land");
    assert_eq!(speaker, "Ruritania");
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("the results")));
    assert!(doc.statements.iter().all(|s| s.speaker != "smuggling"));
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the port was closed"))
        .unwrap();
    assert_eq!(doc.slice(s.content), "the port was closed");
    assert_eq!(statement(&doc, "The levels are safe").0, "inspection report");
}

#[test]
fn writing_a_work_is_not_a_statement_but_writing_that_is() {
    let doc = analyze(
        "In 1893 the composer wrote a large number of songs on themes connected with his childhood. \
         The critic wrote that the songs were his finest work. \
         A report by the commission, published on Monday, gave no figures.",
    );
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(found, ["the songs were his finest work"], "{found:?}");
}

#[test]
fn calling_someone_by_phone_or_by_a_name_is_not_a_statement() {
    let doc = analyze(
        "My brother was a runner and the fans called me The Poet. \
         I called them and they hung up. \
         A bunch of neighbours called because of the noise. \
         The spokesman called the report a lie.",
    );
    let found: Vec<(&str, Stance)> = doc
        .statements
        .iter()
        .map(|s| (doc.slice(s.content), s.stance))
        .collect();
    assert_eq!(found, [("the report a lie", Stance::Deny)], "{found:?}");
}

#[test]
fn a_report_nested_in_a_quotation_ends_at_its_closing_mark() {
    let doc = analyze(
        "\"The minister has often said that the port was never used by foreign navies, least of all in \
         wartime,\" a ministry spokeswoman told reporters as she denied the navy had leased the docks.",
    );
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the port was never used"))
        .expect("the nested report is a statement");
    assert_eq!(
        doc.slice(s.content),
        "the port was never used by foreign navies, least of all in wartime"
    );
}

#[test]
fn an_absolute_clause_with_its_own_source_is_its_own_statement() {
    // "X blamed A on B, its minister Y claiming C": two sources, two
    // contents; the first ends at the comma.
    let doc = analyze(
        "Lisbon has blamed the refinery fire on Madrid, its energy minister Carla Mendes claiming it was \
         \"deliberate sabotage\" by foreign agents.",
    );
    assert_eq!(
        content_starting(&doc, "the refinery fire"),
        "the refinery fire on Madrid"
    );
    assert_eq!(statement(&doc, "it was").0, "Carla Mendes");
}

#[test]
fn a_trailing_source_and_cue_end_the_content_before_them() {
    let doc = analyze("Inspectors blamed the collapse on faulty welding, state media reported.");
    assert_eq!(content_starting(&doc, "the collapse"), "the collapse on faulty welding");
}

#[test]
fn an_evaluation_in_quoted_words_is_a_mixed_statement_but_plain_praise_is_none() {
    let doc = analyze(
        "Last month, Chancellor Elke Brandt praised the treaty as \"a turning point for the whole region\".\n\n\
         The coach praised the players after the match.",
    );
    let (speaker, cue, stance) = statement(&doc, "the treaty as");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("Elke Brandt", "praised", Stance::Assert)
    );
    assert!(!doc
        .statements
        .iter()
        .any(|s| doc.slice(s.content).starts_with("the players")));
}

#[test]
fn the_object_of_a_causing_verb_speaks_but_not_a_generic_one() {
    let doc = analyze(
        "The minister praised the general twice, leading some to suggest he was preparing a purge.\n\n\
         The leak prompted critics to claim that the tender had been rigged.\n\n\
         The numbers lead one to believe that prices will fall.",
    );
    assert_eq!(statement(&doc, "he was preparing").0, "some");
    assert_eq!(statement(&doc, "the tender had been rigged").0, "critics");
    assert!(doc.statements.iter().all(|s| s.speaker != "one"));
}

#[test]
fn a_document_that_reads_speaks_for_its_author() {
    let doc = analyze("“No evidence of any violation has been shown,” the Fatah statement reads.");
    let (speaker, cue, _) = statement(&doc, "No evidence of any violation");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Fatah", "reads"));
}

#[test]
fn a_quote_paragraph_continues_the_statement_closest_before_it() {
    // An earlier continuation (found in the quotation pass, after the
    // statements with cues) must not be taken for the statement before
    // the last quotation: the closest in the text is.
    let doc = analyze(
        "“The army will answer every provocation,” the general said.\n\
         “Every attack on our soldiers will be met with force, and we are ready for that.”\n\
         Fatah replied with a statement Monday that asserted it has “always honoured every clause of the accord,” \
         which was signed in May, and said Hamas had “broken the deal from the first week.”\n\
         “Neither the mediators nor the monitors have shown any proof that the movement broke its word,” the Fatah statement reads.\n\
         “Instead, it has worked patiently and in good faith to keep the crossings open for everyone.”\n\
         Fatah then listed what it saw as breaches by Hamas.",
    );
    let (speaker, cue, _) = statement(&doc, "Instead, it has worked patiently");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Fatah", ""));
}

#[test]
fn a_warning_or_concern_raised_about_something_is_speech() {
    let doc = analyze(
        "On Tuesday, opposition leader Marta Kovac reiterated warnings of vote rigging by the ruling party.\n\n\
         Health officials raised concerns about the safety of the new vaccine.",
    );
    let (speaker, cue, stance) = statement(&doc, "vote rigging by the ruling party");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("Marta Kovac", "reiterated warnings of", Stance::Assert)
    );
    assert_eq!(statement(&doc, "the safety of the new vaccine").2, Stance::Speculate);
}

// Patterns found by `scripts/gum-check.py` (GUM's news documents):
// each test text is invented, after the shape of what was missed there.

#[test]
fn continued_reports_speech_only_beside_a_quotation() {
    let doc = analyze(
        "Health minister Jane Alder spoke in Leeds on Monday. She continued: \"The plan will cut waiting lists.\" \
         \"We will hire nurses first,\" she continued. The strike continued for a week.",
    );
    assert_eq!(statement(&doc, "The plan will cut").1, "continued");
    assert_eq!(statement(&doc, "We will hire nurses").1, "continued");
    assert_eq!(doc.statements.len(), 2, "\"the strike continued\" is no speech");
}

#[test]
fn a_document_reads_before_its_quotation() {
    let doc = analyze("The council letter reads: \"We may close the library in May.\"");
    let (speaker, cue, _) = statement(&doc, "We may close the library");
    assert_eq!((speaker.as_str(), cue.as_str()), ("council letter", "reads"));
}

#[test]
fn a_hearer_between_cue_and_that_clause_is_skipped() {
    let doc = analyze("Tom Whitlow stated to the Daily Courier that the stolen drives were worth little.");
    assert_eq!(statement(&doc, "the stolen drives").0, "Tom Whitlow");
}

#[test]
fn findings_and_rulings_are_attributed_to_their_source() {
    let doc = analyze(
        "The researchers found that air pollution cut soybean yields. A recent poll found only a third of voters \
         backed the plan. The appeals court ruled that the ban was lawful. Police found the car near a bridge.",
    );
    assert_eq!(statement(&doc, "air pollution cut").1, "found");
    assert_eq!(statement(&doc, "only a third of voters").1, "found");
    assert_eq!(statement(&doc, "the ban was lawful").1, "ruled");
    assert_eq!(
        doc.statements.len(),
        3,
        "finding a car is no finding: {:?}",
        doc.statements.len()
    );
}

#[test]
fn a_source_noun_states_that() {
    let doc = analyze("The audit report states that the agency lost track of 300 laptops.");
    assert_eq!(statement(&doc, "the agency lost track").1, "states");
}

#[test]
fn an_affiliation_after_a_name_is_a_parenthetical() {
    let doc = analyze("Senior researcher Mia Lund, of the University of Bergen, said the samples were clean.");
    assert_eq!(statement(&doc, "the samples were clean").0, "Mia Lund");
}

#[test]
fn a_cue_followed_by_its_own_clause_is_not_inverted() {
    let doc = analyze("Lena Brandt for the Food Safety Agency, says they are drafting new rules.");
    assert!(
        doc.statements
            .iter()
            .all(|s| !doc.slice(s.content).starts_with("Lena Brandt")),
        "the name is no content"
    );
}

#[test]
fn requests_interrogations_refusals_and_schedules_report_nothing() {
    let doc = analyze(
        "The mayor asked the council to review the budget. Police questioned the student for hours. \
         The team was initially denied visas. A decision is expected next month. \
         Reporters asked him whether he would resign. The senator questioned the findings of the audit.",
    );
    let contents: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(contents.len(), 2, "{contents:?}");
    assert_eq!(statement(&doc, "him whether he would resign").2, Stance::Question);
    assert_eq!(statement(&doc, "the findings of the audit").1, "questioned");
}

#[test]
fn a_perfect_passive_has_no_speaker_but_an_impersonal_one_has_unnamed_sources() {
    let doc = analyze(
        "Her style has been described as \"a quiet revolution in painting\". \
         It has been reported that the garrison withdrew overnight.",
    );
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).contains("quiet revolution")));
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the garrison withdrew"))
        .expect("the impersonal passive's content");
    assert_eq!(s.speaker, "unnamed sources");
}

#[test]
fn according_to_a_source_ending_in_common_nouns() {
    let doc = analyze(
        "The station has learned that, according to an Internet posting, the archive was hacked. \
         The archive is offline, according to a company spokesperson.",
    );
    assert_eq!(statement(&doc, "the archive was hacked").0, "Internet posting");
    assert!(statement(&doc, "The archive is offline")
        .0
        .ends_with("company spokesperson"));
}

#[test]
fn a_site_name_can_speak() {
    let doc = analyze("Rival sites such as Gawker.com have stated that they will keep the video online.");
    assert_eq!(statement(&doc, "they will keep the video").0, "Gawker.com");
}

#[test]
fn an_act_is_no_answer_and_a_manner_adverb_is_no_content() {
    let doc = analyze(
        "The general said the army would respond militarily within two days. \
         The mayor replied angrily, \"That is simply false.\" \
         The envoy asked the neighbouring states not to close their borders.",
    );
    let contents: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert!(!contents.iter().any(|c| c.starts_with("militarily")), "{contents:?}");
    assert!(
        !contents.iter().any(|c| c.contains("close their borders")),
        "{contents:?}"
    );
    assert_eq!(statement(&doc, "That is simply false").1, "replied");
    assert!(content_starting(&doc, "That is").starts_with("That is simply false"));
}

#[test]
fn relayed_sources_studies_of_groups_and_adverbs_before_participles() {
    let doc = analyze(
        "According to the Yonhap news agency, quoting the state broadcaster KBS, the border was closed overnight. \
         A new study of Canadian school children revealed that many sleep too little. \
         The authors of a widely reported study are withdrawing the paper.",
    );
    assert!(content_starting(&doc, "the border was closed").starts_with("the border was closed overnight"));
    assert!(statement(&doc, "many sleep too little").0.contains("study"));
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("study")));
}

#[test]
fn a_generic_byline_names_nobody() {
    let text = "Gaza toll rises\n\nAgency Reporter\n\nThe health ministry said 40 people were killed.\n";
    let doc = analyze_text(text);
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Reporter")), "{names:?}");
}

#[test]
fn a_participle_after_a_quotation_reports_what_follows_it() {
    let doc = analyze(
        "The ministry said, \"The drills were routine,\" adding that no troops had moved. \
         The agency notes, \"Ozone harms crops more than any other pollutant,\" highlighting the cost to farmers.",
    );
    let (_, cue, _) = statement(&doc, "The drills were routine");
    assert_eq!(cue, "said");
    assert_eq!(content_starting(&doc, "The drills"), "The drills were routine,");
    assert_eq!(statement(&doc, "no troops had moved").1, "adding");
    assert_eq!(statement(&doc, "the cost to farmers").1, "highlighting");
    let quoted = doc
        .statements
        .iter()
        .filter(|s| doc.slice(s.content).contains("Ozone harms"))
        .count();
    assert_eq!(quoted, 1, "the quotation is one statement");
}

#[test]
fn noun_subjects_of_bare_verbs_acronyms_and_titles_in_the_subject() {
    let doc = analyze(
        "Police say the driver was armed. \
         WHO say the outbreak is slowing in the north. \
         UN estimates suggest 8000 migrants may be at sea. \
         The \"History\" page of the site explains, in a mocking tone, that the feud began over a video. \
         Writing in a blog post, the analyst called the dispute pointless. \
         The army would respond, militarily, within two days if the shelling went on.",
    );
    assert_eq!(statement(&doc, "the driver was armed").0, "Police");
    assert_eq!(statement(&doc, "the outbreak is slowing").0, "WHO");
    assert_eq!(statement(&doc, "the feud began over a video").1, "explains");
    let contents: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    // "estimates" is the subject's noun, not a cue of "UN"; "estimates" and
    // "suggest" with a thing for subject are the article's own voice.
    assert!(!contents.iter().any(|c| c.starts_with("suggest")), "{contents:?}");
    assert!(!contents.iter().any(|c| c.starts_with("History")), "{contents:?}");
    assert!(!contents.iter().any(|c| c.starts_with("militarily")), "{contents:?}");
    assert!(
        doc.statements.iter().all(|s| !s.speaker.contains("blog")),
        "{contents:?}"
    );
}

#[test]
fn a_study_speaks_not_what_it_studied() {
    let doc = analyze(
        "A new study documenting sleep patterns in Canadian teenagers has revealed that most sleep too little. \
         Recent research on early migrations in South America suggests that boats were used.",
    );
    assert_eq!(statement(&doc, "most sleep too little").0, "new study");
    assert!(statement(&doc, "boats were used").0.contains("research"));
}

#[test]
fn the_account_used_is_no_content() {
    let text = "Headline\n\nThe senator tweeted using her campaign account:\n\n\"We will not back down.\"\n\nThe bill passed.\n";
    let doc = analyze_text(text);
    let contents: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert!(!contents.iter().any(|c| c.contains("account")), "{contents:?}");
    assert_eq!(statement(&doc, "We will not back down").1, "tweeted");
}

#[test]
fn a_colon_hands_over_to_an_unquoted_paragraph() {
    let text = "Headline\n\nIn a statement, the company denied the allegations:\n\nNo worker was ever forced to stay. All overtime was paid.\n\nThe case continues.\n";
    let doc = analyze_text(text);
    let (speaker, cue, stance) = statement(&doc, "No worker was ever forced to stay");
    assert!(speaker.contains("company"), "{speaker}");
    assert_eq!((cue.as_str(), stance), ("denied", Stance::Deny));
    assert!(doc.statements.iter().all(|s| doc.slice(s.content) != "the allegations"));
}

#[test]
fn a_finite_verb_ends_a_name() {
    let text = "North Korea puts military on high alert\n\nNorth Korea put its military on high alert on Friday.\n";
    let doc = analyze_text(text);
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"North Korea"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("puts") || n.contains("put its")),
        "{names:?}"
    );
}

#[test]
fn interviewees_and_slashes_in_running_text_are_no_outlets() {
    let text = "Gallery opens\n\nFull interview with Kristin Wilkins, curator of the exhibition.\n\nThe Art Center / Pace Galleries at the university bases its exhibit on 100 Polaroids.\n\nHe said in an interview with JAMnews that the show was a success.\n";
    let doc = analyze_text(text);
    let typed: Vec<(&str, claimgraph_doc::EntityType)> =
        doc.entities.iter().map(|e| (e.name.as_str(), e.etype)).collect();
    let media: Vec<&str> = typed
        .iter()
        .filter(|(_, t)| *t == claimgraph_doc::EntityType::Media)
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(media, ["JAMnews"], "{typed:?}");
}

#[test]
fn two_people_joined_by_and_are_two_entities() {
    let doc = analyze("The candidates elected were DAB's Ben Chan and Leung Che-cheung, and FTU's Alice Mak.");
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"Ben Chan") && names.contains(&"Leung Che-cheung"),
        "{names:?}"
    );
}

#[test]
fn hearer_names_end_at_a_determiner_and_with_phrases_have_plain_subjects() {
    let doc = analyze(
        "One survivor told AFP the first boat had sunk. \
         Many fans were angry, with one poster writing that the club had lied.",
    );
    assert!(content_starting(&doc, "the first boat").starts_with("the first boat had sunk"));
    assert_eq!(statement(&doc, "the club had lied").0, "one poster");
}

#[test]
fn long_subjects_by_the_parse_and_relative_clauses_inside_the_content() {
    let doc = analyze(
        "Posts on the message board of the fan site Castle Watch from Friday theorized that the server had been attacked. \
         Officials said that the minister, who resigned on Monday, had misled parliament. \
         Signs suggest that the talks will resume. \
         The security firm Vulnwatch.com, has said that the browser has 40 open flaws.",
    );
    assert!(statement(&doc, "the browser has 40 open flaws")
        .0
        .contains("Vulnwatch.com"));
    let (speaker, cue, stance) = statement(&doc, "the server had been attacked");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("Posts", "theorized", Stance::Speculate)
    );
    assert!(content_starting(&doc, "the minister").ends_with("had misled parliament"));
    // a thing for subject is still the article's own voice
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("the talks")));
}

#[test]
fn positions_with_that_clauses_and_a_name_then_comma_then_cue() {
    let doc = analyze(
        "The World Health Organization recommends that every country should iodise salt. \
         The minister urged Israel to halt the strikes. \
         Maria Costa for the Ports Authority of Lisbon, says the terminal will reopen in May.",
    );
    assert_eq!(statement(&doc, "every country should iodise salt").1, "recommends");
    assert_eq!(statement(&doc, "the terminal will reopen").0, "Maria Costa");
    let contents: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert!(!contents.iter().any(|c| c.contains("halt the strikes")), "{contents:?}");
}

#[test]
fn colon_quotations_words_of_and_reasoning() {
    let doc = analyze(
        "During questions on Wednesday, the premier defended the budget: \"Every cent is accounted for.\" \
         The ward was full, and in the words of the chief nurse, Ann Cole, RN, \"We had no beds left at all.\" \
         The council reasoned, \"because users pay a fee, the activity is commercial\". \
         He had one message: \"We will never give up on this city.\"",
    );
    assert_eq!(statement(&doc, "Every cent is accounted for").0, "premier");
    let (speaker, cue, _) = statement(&doc, "We had no beds left");
    assert!(
        speaker.contains("Ann Cole") || speaker.contains("chief nurse"),
        "{speaker}"
    );
    assert_eq!(cue, "in the words of");
    assert_eq!(statement(&doc, "because users pay a fee").1, "reasoned");
    assert_eq!(statement(&doc, "We will never give up").2, Stance::Assert);
}

#[test]
fn a_participle_after_an_according_to_source_describes_it() {
    let doc = analyze(
        "The station has learned that according to an Internet posting made just over a day ago, the archive was hacked. \
         According to a statement released on Monday, the talks failed.",
    );
    assert_eq!(statement(&doc, "the archive was hacked").0, "Internet posting");
    assert!(content_starting(&doc, "the talks failed").starts_with("the talks failed"));
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("released")));
}

#[test]
fn accordance_free_relatives_and_possessive_participles_are_no_attribution() {
    let doc = analyze(
        "Things went according to plan, the minister said. \
         The army was organised according to the Prussian system. \
         What the senator added was a warning about costs. \
         The rebel leader's alleged hideout was raided. \
         The strikes will continue, according to the army. \
         The navy renewed attacks against what it called \"terror targets.\"",
    );
    assert_eq!(statement(&doc, "Things went according to plan").1, "said");
    assert_eq!(statement(&doc, "The strikes will continue").1, "according to");
    assert_eq!(statement(&doc, "terror targets").1, "called");
    let contents: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    for bad in ["The army was organised", "was a warning", "hideout"] {
        assert!(!contents.iter().any(|c| c.contains(bad)), "{bad}: {contents:?}");
    }
}

#[test]
fn unnamed_sources_close_to_a_body_are_unnamed() {
    let doc = analyze(
        "Sources close to the Kremlin said the summit was off. \
         Two officials familiar with the talks said the summit was delayed. \
         A person briefed on the inquiry told Reuters that the report was ready.",
    );
    for content in ["the summit was off", "the summit was delayed", "the report was ready"] {
        let s = doc
            .statements
            .iter()
            .find(|s| doc.slice(s.content).starts_with(content))
            .unwrap_or_else(|| panic!("no statement {content:?}"));
        assert_eq!(
            s.speaker_type,
            claimgraph_doc::SpeakerType::Unnamed,
            "{content}: {}",
            s.speaker
        );
        assert!(
            !matches!(s.speaker.as_str(), "Kremlin" | "talks" | "inquiry"),
            "{}",
            s.speaker
        );
    }
    assert_eq!(statement(&doc, "the summit was off").0, "Sources close to the Kremlin");
}

#[test]
fn passives_with_their_agent_attribute_the_subject() {
    let doc = analyze(
        "The allegations, first reported by The Wall Street Journal, were denied by Tehran. \
         The claims were rejected by Baku as baseless. \
         The minister was killed by a sniper on Monday.",
    );
    let (speaker, cue, stance) = statement(&doc, "The claims");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("Baku", "rejected", Stance::Deny)
    );
    let on_allegations: Vec<(String, Stance)> = doc
        .statements
        .iter()
        .filter(|s| doc.slice(s.content) == "The allegations")
        .map(|s| (s.speaker.clone(), s.stance))
        .collect();
    assert!(
        on_allegations.contains(&("Tehran".to_string(), Stance::Deny)),
        "{on_allegations:?}"
    );
    assert!(
        on_allegations.iter().any(|(sp, _)| sp.contains("Wall Street Journal")),
        "{on_allegations:?}"
    );
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).contains("minister")));
}

#[test]
fn a_person_of_a_party_is_two_entities() {
    let doc = analyze("Frederick Fung of ADPL and Raymond Chan of People Power were defeated on Sunday.");
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    for n in ["Frederick Fung", "ADPL", "Raymond Chan", "People Power"] {
        assert!(names.contains(&n), "{n}: {names:?}");
    }
}

/// (name, type) pairs of a document's entities.
fn typed_entities(doc: &Doc) -> Vec<(String, claimgraph_doc::EntityType)> {
    doc.entities.iter().map(|e| (e.name.clone(), e.etype)).collect()
}

#[test]
fn social_platforms_are_organisations() {
    use claimgraph_doc::EntityType::Org;
    let doc = analyze(
        "The senator wrote on Telegram that the vote was rigged. Her aide later posted on Truth Social. \
         The signal was weak, so he called her.",
    );
    let ents = typed_entities(&doc);
    assert!(ents.contains(&("Telegram".to_string(), Org)), "{ents:?}");
    assert!(ents.contains(&("Truth Social".to_string(), Org)), "{ents:?}");
    assert!(!ents.iter().any(|(n, _)| n.eq_ignore_ascii_case("signal")), "{ents:?}");
}

#[test]
fn a_former_name_in_parentheses_is_an_alias() {
    let doc = analyze("On the platform “X” (formerly Twitter), the page posted a video of the convoy.");
    let x = doc.entities.iter().find(|e| e.name == "X").expect("X is an entity");
    assert_eq!(x.etype, claimgraph_doc::EntityType::Org);
    assert!(x.aliases.iter().any(|a| a == "Twitter"), "{:?}", x.aliases);
    assert!(!doc.entities.iter().any(|e| e.name == "Twitter"));
}

#[test]
fn a_name_described_as_someone_is_a_person() {
    use claimgraph_doc::EntityType::Person;
    let doc = analyze(
        "Tactics are lost on Nobuyuki Fujita, the man who coaches the winner. \
         For Fujita the plan was simple. \"I told her to go faster,\" said Fujita.",
    );
    let ents = typed_entities(&doc);
    assert!(ents.contains(&("Nobuyuki Fujita".to_string(), Person)), "{ents:?}");
    assert!(!ents.iter().any(|(n, _)| n == "Fujita"), "one person: {ents:?}");
}

#[test]
fn a_city_and_its_abbreviated_state_are_one_place() {
    use claimgraph_doc::EntityType::Gpe;
    let doc = analyze("The London, Ont.-native won gold. She moved to Clearwater, Fla., in 2010.");
    let ents = typed_entities(&doc);
    assert!(ents.contains(&("London, Ont.".to_string(), Gpe)), "{ents:?}");
    assert!(ents.contains(&("Clearwater, Fla.".to_string(), Gpe)), "{ents:?}");
    assert!(!ents.iter().any(|(n, _)| n.contains("native")), "{ents:?}");
}

#[test]
fn a_dateline_wire_service_and_a_seat_of_power() {
    use claimgraph_doc::EntityType::{Media, Org};
    let doc = analyze("BEIJING (AP) — The Kremlin is a fortress, the visitors said.");
    let ents = typed_entities(&doc);
    assert!(ents.contains(&("AP".to_string(), Media)), "{ents:?}");
    assert!(ents.contains(&("Kremlin".to_string(), Org)), "{ents:?}");
    // the agency is no alias of the dateline's city
    assert!(doc.entities.iter().all(|e| e.aliases.iter().all(|a| a != "AP")));
}

#[test]
fn a_directorate_and_its_acronym_are_one_organisation() {
    let doc = analyze("The Main Intelligence Directorate (GRU) ran the operation. The GRU denied it.");
    let e = doc
        .entities
        .iter()
        .find(|e| e.name == "Main Intelligence Directorate")
        .expect("the directorate is an entity");
    assert_eq!(e.etype, claimgraph_doc::EntityType::Org);
    assert!(e.aliases.iter().any(|a| a == "GRU"), "{:?}", e.aliases);
}

#[test]
fn an_age_and_a_relative_clause_after_the_speakers_name() {
    let doc = analyze(
        "Lena Morrow, 19, who with her family was among the plaintiffs in the lawsuit, said her wedding \
         in the port city had been set for July 13. Tom Hale, 45, said the road was closed.",
    );
    let (speaker, cue, _) = statement(&doc, "her wedding in the port city");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Lena Morrow", "said"));
    assert_eq!(statement(&doc, "the road was closed").0, "Tom Hale");
    // the speaker's description is no content
    assert!(!doc
        .statements
        .iter()
        .any(|s| doc.slice(s.content).starts_with("Lena Morrow")));
}

#[test]
fn a_possessive_and_its_noun_after_the_cue_speak_an_object_pronoun_does_not() {
    let doc = analyze("\"We will appeal,\" said her father. The clerk said him nothing.");
    assert_eq!(
        doc.statements[0].speaker_mention.map(|m| doc.slice(m)),
        Some("her father")
    );
}

#[test]
fn a_relative_speaker_across_a_time_adjunct() {
    let doc = analyze(
        "Critics point to Norland, which to this day has never officially said that it holds such weapons, \
         as the exception.",
    );
    assert_eq!(statement(&doc, "it holds such weapons").0, "Norland");
}

#[test]
fn naming_billing_believing_and_pointing_are_no_statements() {
    for text in [
        "It is a Western scene by a painter called 'A Charge to Keep.' It is on loan.",
        "I will continue the work as I have described above, with new goals.",
        "Yet we did not charge them for the evacuation.",
        "The council does not believe the mayor.",
        "The government has not confirmed the reports.",
        "He bought the house, which he says was a bargain.",
    ] {
        let doc = analyze(text);
        let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }
    // an accusation and a clause stay statements
    let doc = analyze("Prosecutors charged that he had lied. The council believes the mayor lied.");
    assert_eq!(doc.statements.len(), 2);
}

#[test]
fn a_reply_verb_ending_the_document_is_no_crash() {
    // (a sentence of one reply verb after an initial read past the end of
    // the document)
    for text in ["x. Reply", "we add. Reply", "Reply"] {
        let doc = analyze(text);
        assert!(doc.statements.is_empty(), "{text}");
    }
}

#[test]
fn a_field_label_and_a_refusal_are_no_statements() {
    let doc = analyze("Email: \"Andre\" <webmaster@example.com> I like the new shop a lot.");
    assert!(doc.statements.is_empty(), "{:?}", doc.statements.len());
    let doc = analyze("The minister said no to the plan. Peskov said no one had asked.");
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(found, ["no one had asked"]);
}

#[test]
fn armed_group_leaders_are_people_and_al_names_are_groups() {
    use claimgraph_doc::EntityType::{Org, Person};
    let doc = analyze(
        "The group pledged allegiance to Osama bin Laden, the leader of al-Qaeda. \
         Hassan Nasrallah said Hezbollah would close ranks with Hamas.",
    );
    let ents = typed_entities(&doc);
    for (name, ty) in [
        ("Osama bin Laden", Person),
        ("Hassan Nasrallah", Person),
        ("al-Qaeda", Org),
        ("Hezbollah", Org),
    ] {
        assert!(ents.contains(&(name.to_string(), ty)), "{name}: {ents:?}");
    }
}

#[test]
fn a_body_named_by_its_remit_is_one_organisation() {
    use claimgraph_doc::EntityType::{Org, Person};
    let doc = analyze(
        "Richard Haass, president of the Council on Foreign Relations, disagreed. A photo from the \
         Council on American-Islamic Relations Alia Salem was shown. The Security Council on Monday voted.",
    );
    let ents = typed_entities(&doc);
    for (name, ty) in [
        ("Council on Foreign Relations", Org),
        ("Council on American-Islamic Relations", Org),
        ("Alia Salem", Person),
        ("Security Council", Org),
    ] {
        assert!(ents.contains(&(name.to_string(), ty)), "{name}: {ents:?}");
    }
}

#[test]
fn a_name_before_a_hyphenated_participle_is_the_name() {
    let doc = analyze("The Hezbollah-provoked war and a Kremlin-inspired campaign hurt the region.");
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Hezbollah") && names.contains(&"Kremlin"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains('-')), "{names:?}");
}

#[test]
fn a_full_name_in_a_title_case_caption_is_a_person() {
    let doc = analyze_text(
        "U.N. report: North Korea evading sanctions\n\nDan Reed and Ann Walsh\nNorth Korea's Kim Jong Un\n\n\
         WASHINGTON — North Korea is evading sanctions, the report said.\n",
    );
    let ents = typed_entities(&doc);
    assert!(
        ents.contains(&("Kim Jong Un".to_string(), claimgraph_doc::EntityType::Person)),
        "{ents:?}"
    );
}

#[test]
fn a_person_after_a_title_inside_an_organisation_span() {
    use claimgraph_doc::EntityType::{Org, Person};
    let doc = analyze(
        "UN Secretary General Kofi Annan said the plan failed. UN Secretary-General Antonio Guterres agreed. \
         General Motors said sales fell. The General Assembly voted.",
    );
    let ents = typed_entities(&doc);
    for (name, ty) in [
        ("Kofi Annan", Person),
        ("Antonio Guterres", Person),
        ("General Motors", Org),
        ("General Assembly", Org),
    ] {
        assert!(ents.contains(&(name.to_string(), ty)), "{name}: {ents:?}");
    }
}

#[test]
fn a_name_with_lower_case_particles_is_one_person() {
    let doc = analyze("The European Commission's President Ursula von der Leyen said Brussels would respond.");
    let ents = typed_entities(&doc);
    assert!(
        ents.contains(&("Ursula von der Leyen".to_string(), claimgraph_doc::EntityType::Person)),
        "{ents:?}"
    );
}

#[test]
fn a_publishing_participle_belongs_to_its_noun() {
    let doc = analyze(
        "A report published on Monday said the economy shrank. The statement posted on Telegram said \
         the drones were shot down. The ministry, in a statement posted on Telegram, said the border was closed. \
         A video posted online showed the strike.",
    );
    assert_eq!(statement(&doc, "the economy shrank").0, "report");
    assert_eq!(mention_of(&doc, "the drones"), Some("The statement"));
    assert_eq!(statement(&doc, "the border was closed").1, "said");
    assert_eq!(
        doc.statements.len(),
        3,
        "{:?}",
        doc.statements.iter().map(|s| doc.slice(s.content)).collect::<Vec<_>>()
    );
}

#[test]
fn quoted_as_saying_and_an_embassy_in_a_capital() {
    let doc = analyze(
        "Interfax quoted an unnamed official as saying the talks had stalled. \
         The Chinese embassy in Washington said in a statement that Beijing opposed the sanctions. \
         The U.S. ambassador in Kyiv said aid would continue.",
    );
    assert_eq!(mention_of(&doc, "the talks had stalled"), Some("an unnamed official"));
    assert_eq!(
        mention_of(&doc, "Beijing opposed"),
        Some("The Chinese embassy in Washington")
    );
    assert_eq!(mention_of(&doc, "aid would continue"), Some("The U.S. ambassador"));
}

#[test]
fn quantities_and_news_conferences_after_the_cue() {
    let doc = analyze(
        "The UN says at least 500 civilians have been killed. The ministry said about 40 people died. \
         Officials said at a news conference that the plan failed. The city expects about 6 million visitors.",
    );
    assert_eq!(statement(&doc, "at least 500 civilians").0, "UN");
    assert_eq!(statement(&doc, "about 40 people died").1, "said");
    assert_eq!(statement(&doc, "the plan failed").1, "said");
    assert_eq!(doc.statements.len(), 3);
    // a coordinator opens no reported content
    let doc = analyze("We had met, like she said at Sandia Academy, and we went off to college together.");
    assert!(doc.statements.is_empty());
}

#[test]
fn a_hearer_without_a_clause_after_it_is_no_content() {
    let doc = analyze(
        "The claims are false, a Kremlin spokesman told state media. He told state media the sanctions \
         would fail. Peskov told the RIA news agency.",
    );
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(found, ["The claims are false", "the sanctions would fail"]);
}

#[test]
fn a_relative_denial_denies_what_the_sentence_said() {
    let doc = analyze(
        "Ukrainian officials have accused Russia of war crimes, which Moscow denies. \
         Critics say the law could be used to silence dissent, a charge the government denies. \
         The group was behind the attack, a claim that Tehran rejects.",
    );
    let denial = |speaker: &str| {
        doc.statements
            .iter()
            .find(|s| s.speaker_mention.map(|m| doc.slice(m)) == Some(speaker))
            .map(|s| (doc.slice(s.content).to_string(), s.stance))
            .unwrap_or_else(|| panic!("no statement by {speaker}"))
    };
    assert_eq!(denial("Moscow"), ("Russia of war crimes".to_string(), Stance::Deny));
    assert_eq!(
        denial("the government"),
        ("the law could be used to silence dissent".to_string(), Stance::Deny)
    );
    assert_eq!(
        denial("Tehran"),
        ("The group was behind the attack".to_string(), Stance::Deny)
    );
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("Tehran")));
}

#[test]
fn a_repeated_claim_and_a_cited_channel() {
    let doc = analyze(
        "He has repeated the false claim that the vote was rigged. Russian state media reported that the \
         strike hit a military base, citing the defence ministry.",
    );
    assert_eq!(mention_of(&doc, "the vote was rigged"), Some("He"));
    assert_eq!(
        content_starting(&doc, "the strike hit"),
        "the strike hit a military base"
    );
}

#[test]
fn adverbs_between_the_cue_and_its_that() {
    let doc = analyze(
        "Officials said earlier that the talks failed. He posted online that the vote was rigged. \
         She said again that the border was closed.",
    );
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(
        found,
        ["the talks failed", "the vote was rigged", "the border was closed"]
    );
}

#[test]
fn a_quoted_word_ending_a_clause_before_the_speaker_is_a_mixed_quote() {
    let doc = analyze(
        "The allegations are \"absurd\", Peskov told reporters. A person familiar with the matter, who asked \
         not to be named, said the deal was done.",
    );
    let s = &doc.statements[0];
    assert_eq!(doc.slice(s.content), "The allegations are \"absurd\"");
    assert_eq!(s.kind, claimgraph_doc::StatementKind::Mixed);
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(found, ["The allegations are \"absurd\"", "the deal was done"]);
}

#[test]
fn a_reporters_comment_after_the_claim_is_no_content() {
    let doc = analyze(
        "Russia's defence ministry claimed its forces had captured the village, a claim that could not be \
         independently verified.",
    );
    let found: Vec<&str> = doc.statements.iter().map(|s| doc.slice(s.content)).collect();
    assert_eq!(found, ["its forces had captured the village"]);
}

/// `about` lists the names the entity layer found in the content, as
/// written there, and the countries of its demonyms; words capitalised for
/// other reasons (a sentence start, "I'm", a month) are no names.
#[test]
fn what_a_statement_is_about_is_its_names_not_its_capitals() {
    let doc = analyze(
        "Dmitry Peskov said: \"Okay, I'm sure that in March the Russians and Sergei Lavrov will meet Antony Blinken \
         to discuss the Israel-Azerbaijan partnership.\"",
    );
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).contains("Okay"))
        .expect("the quote is a statement");
    // a run holding two names gives both ("Israel-Azerbaijan")
    for name in ["Russia", "Sergei Lavrov", "Antony Blinken", "Israel", "Azerbaijan"] {
        assert!(s.about.iter().any(|a| a == name), "{name} missing from {:?}", s.about);
    }
    for word in ["Okay", "I'm", "March", "Russians", "Israel-Azerbaijan"] {
        assert!(!s.about.iter().any(|a| a == word), "{word} in {:?}", s.about);
    }
}

#[test]
fn a_company_named_in_apposition_speaks_and_its_pronoun_opens_the_quote() {
    // "X, Y & Z, said it "…"": the name in apposition (with its "&") is the
    // speaker; "it" after the cue is the reported clause's subject, not an
    // inverted speaker ("…,” said he).
    let doc = analyze(
        "The logistics group, Marlow & Keane, said it \"has always met its contracts\" and declined to comment further. \
         The regulator said the audit was incomplete and refused to give a date.",
    );
    assert_eq!(statement(&doc, "it \"has always met").1, "said");
    assert_eq!(mention_of(&doc, "it \"has always met"), Some("Marlow & Keane"));
    // The speaker's refusal to say more is not part of what was said.
    assert_eq!(
        content_starting(&doc, "it \"has always"),
        "it \"has always met its contracts\""
    );
    assert_eq!(content_starting(&doc, "the audit"), "the audit was incomplete");
}

#[test]
fn a_relative_clause_in_the_subject_is_not_the_speaker_and_calling_it_flawed_denies() {
    // "A firm that sells a supplement has rejected …": the firm speaks,
    // not what it sells; "calling the research deeply flawed" rejects it,
    // as "called the claims unfounded" does.
    let doc = analyze(
        "A firm that sells a popular herbal tea has rejected a study linking it to headaches, \
         calling the research \"deeply flawed\".",
    );
    assert_eq!(mention_of(&doc, "a study linking"), Some("A firm"));
    let (_, cue, stance) = statement(&doc, "the research");
    assert_eq!((cue.as_str(), stance), ("calling", Stance::Deny));
}

#[test]
fn unnamed_sources_keep_their_description_and_their_anonymity_is_no_content() {
    let doc = analyze(
        "According to people familiar with the matter, the bank is weighing a sale of its Asian unit. \
         The two ministers would meet in Geneva next week, a diplomat said on condition of anonymity. \
         The ceasefire would hold, an official said, speaking on condition of anonymity.",
    );
    assert_eq!(
        mention_of(&doc, "the bank is weighing"),
        Some("people familiar with the matter")
    );
    assert_eq!(
        content_starting(&doc, "the bank"),
        "the bank is weighing a sale of its Asian unit"
    );
    assert_eq!(statement(&doc, "The two ministers would meet").1, "said");
    assert_eq!(content_starting(&doc, "The ceasefire"), "The ceasefire would hold");
}

#[test]
fn a_short_quote_that_is_a_sentence_of_its_own_continues_the_speaker() {
    // A whole sentence in quote marks after a quoted statement is the same
    // speaker's, however short; a short quote inside a sentence is a scare
    // quote ("a so-called "peace plan"").
    let doc = analyze(
        "\"This is not over,\" the coach said. \"We will appeal.\" \
         Critics called it a so-called \"peace plan\" and left.",
    );
    let (speaker, _, _) = statement(&doc, "We will appeal.");
    assert_eq!(speaker, "coach");
    assert!(!doc.statements.iter().any(|s| doc.slice(s.content) == "peace plan"));
}

#[test]
fn officials_and_media_named_only_by_their_country_are_unnamed_descriptions() {
    // "a senior US official" is not the United States speaking, and "State
    // media" is not a body called "State".
    let doc = analyze(
        "A senior US official told reporters that the convoy had turned back. \
         State media reported that the decree had been signed.",
    );
    assert_eq!(statement(&doc, "the convoy").0, "senior US official");
    assert_eq!(statement(&doc, "the decree").0, "State media");
}

#[test]
fn an_abbreviated_title_with_its_stop_is_not_part_of_the_name() {
    // "Mr." and "Dr." are one token with their stop; like "Mr" they go,
    // so "Mr. Lindqvist" is the Victor Lindqvist named before.
    let doc = analyze(
        "Victor Lindqvist, the airline's head of safety, spoke on Monday. \
         Mr. Lindqvist said the engine had been inspected. Dr. Amara Okafor disagreed. \
         \"Mr. Chief Justice, may it please the court,\" the lawyer began.",
    );
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"Victor Lindqvist") && names.contains(&"Amara Okafor"),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Mr") || n.starts_with("Dr") || *n == "Justice"),
        "{names:?}"
    );
    assert_eq!(statement(&doc, "the engine").0, "Victor Lindqvist");
}

#[test]
fn rumours_speculate_and_a_source_that_does_not_deny_does_not_deny() {
    let doc = analyze(
        "There are rumours that the governor will resign before the summer. \
         The ministry rejected as \"absurd\" claims that it had sold rifles to the militia. \
         The spokeswoman did not deny that talks had taken place. \
         The mayor has not denied the reports. \
         The prime minister responded by saying that the province would appeal.",
    );
    assert_eq!(statement(&doc, "the governor will resign").2, Stance::Speculate);
    // What is rejected is the clause, not the evaluation before it.
    let (speaker, _, stance) = statement(&doc, "it had sold rifles");
    assert_eq!((speaker.as_str(), stance), ("ministry", Stance::Deny));
    assert_eq!(statement(&doc, "talks had taken place").2, Stance::Assert);
    assert!(!doc.statements.iter().any(|s| doc.slice(s.content) == "the reports"));
    let (speaker, cue, _) = statement(&doc, "the province would appeal");
    assert_eq!((speaker.as_str(), cue.as_str()), ("prime minister", "saying"));
}

#[test]
fn role_descriptions_take_up_the_person_who_spoke_before() {
    // "The MP", "the lawyer", "the ambassador": a role named by a
    // description continues the nearest person who spoke.
    let doc = analyze(
        "Conservative lawmaker Petra Holm claimed on Sunday that the tender had been rigged. \
         The MP said the documents would be published soon. \
         Defence lawyer Jonas Ek rejected the claim. The lawyer said his client had broken no law.",
    );
    assert_eq!(statement(&doc, "the documents would").0, "Petra Holm");
    assert_eq!(statement(&doc, "his client had").0, "Jonas Ek");
}

#[test]
fn newspapers_cited_abroad_are_outlets() {
    let doc = analyze(
        "An official told the Times of Israel that the deal was off, as Kommersant and Le Monde \
         had reported the week before.",
    );
    let types: Vec<(&str, claimgraph_doc::EntityType)> =
        doc.entities.iter().map(|e| (e.name.as_str(), e.etype)).collect();
    for outlet in ["Times of Israel", "Kommersant", "Le Monde"] {
        assert!(
            types.contains(&(outlet, claimgraph_doc::EntityType::Media)),
            "{outlet}: {types:?}"
        );
    }
}

#[test]
fn a_new_official_by_role_is_not_the_last_person_and_a_report_speaks_for_its_author() {
    // "the regional governor" after a president's statement is someone
    // new; "the report, released … by X," is X's.
    let doc = analyze(
        "President Ilves said in his nightly address that the front was holding. \
         The regional governor wrote that three people had been injured. \
         The report, released on Monday by Human Rights Watch, said prisoners had been beaten.",
    );
    assert_eq!(statement(&doc, "three people").0, "regional governor");
    assert_eq!(statement(&doc, "prisoners had").0, "Human Rights Watch");
}

#[test]
fn a_name_followed_by_its_role_in_apposition_is_a_person() {
    // The tagger may not know the name; the role after the comma says it
    // is someone ("foreign policy adviser to …").
    let doc = analyze(
        "Hikmet Hajiyev, foreign policy adviser to President Ilham Aliyev, told Euronews: \"We never allowed it.\" \
         Results from the National Spelling Bee, and general trends, were also cited.",
    );
    let types: Vec<(&str, claimgraph_doc::EntityType)> =
        doc.entities.iter().map(|e| (e.name.as_str(), e.etype)).collect();
    assert!(
        types.contains(&("Hikmet Hajiyev", claimgraph_doc::EntityType::Person)),
        "{types:?}"
    );
    assert!(
        !types
            .iter()
            .any(|(n, t)| n.contains("Spelling") && *t == claimgraph_doc::EntityType::Person),
        "{types:?}"
    );
}

#[test]
fn a_subject_after_a_comma_is_no_apposition() {
    // "According to Tasnim, a senior commander said …": the commander is
    // the clause's subject, not Tasnim's role.
    let doc = analyze("According to Ukrinform, a senior commander said the bridge had been hit.");
    let outlet = doc.entities.iter().find(|e| e.name == "Ukrinform").expect("the outlet");
    assert_eq!(outlet.role, None);
}

#[test]
fn a_quotation_split_by_its_attribution_goes_on_with_the_same_speaker() {
    let doc =
        analyze("\"We have seen no evidence of this,\" the minister said, \"but we are looking into it carefully.\"");
    let (speaker, _, _) = statement(&doc, "but we are looking");
    assert_eq!(speaker, "minister");
}

#[test]
fn the_company_is_no_ministry_and_no_truth_denies() {
    let doc = analyze(
        "According to a statement from the Interior Ministry, 40 people were detained. \
         The company said it \"categorically rejects\" the findings. \
         \"There is no truth to these reports,\" the minister told state television.",
    );
    let (speaker, _, stance) = statement(&doc, "it \"categorically");
    assert_eq!((speaker.as_str(), stance), ("company", Stance::Deny));
    assert_eq!(statement(&doc, "There is no truth").2, Stance::Deny);
}

#[test]
fn a_ministry_in_a_capital_speaks_and_witnesses_quoted_by_media_speak() {
    let doc = analyze(
        "The foreign ministry in Tbilisi said in a statement that the reports were false. \
         Witnesses quoted by local media said the explosion was heard across the city.",
    );
    assert_eq!(statement(&doc, "the reports were").0, "foreign ministry in Tbilisi");
    assert_eq!(statement(&doc, "the explosion").0, "Witnesses");
}

#[test]
fn a_body_named_by_its_remit_is_one_name_and_its_description_no_content() {
    let doc = analyze(
        "According to the Syrian Observatory for Human Rights, a Britain-based war monitor, \
         at least 30 people were killed.",
    );
    let (speaker, _, _) = statement(&doc, "at least 30 people");
    assert_eq!(speaker, "Syrian Observatory for Human Rights");
    assert_eq!(content_starting(&doc, "at least 30"), "at least 30 people were killed");
}

#[test]
fn compound_titles_are_whole_roles_and_their_bodies_entities() {
    // Titles with a portfolio ("foreign policy chief", "Secretary of
    // State"), a hyphen ("Secretary-General") or a body before them ("EU",
    // "UN"): the whole title is the role, the body is an entity, and the
    // speaker's mention holds the title.
    let doc = analyze(
        "EU foreign policy chief Mira Kallberg said the bloc would respond. \
         UN Secretary-General Tomas Arvelo warned that the fighting could spread. \
         US Secretary of State Daniel Osterman said talks would go on. \
         In a statement spokesman Peter Lindqvist said the ship had left port.",
    );
    let role = |name: &str| {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}"))
            .role
            .clone()
    };
    assert_eq!(role("Mira Kallberg").as_deref(), Some("EU foreign policy chief"));
    assert_eq!(role("Tomas Arvelo").as_deref(), Some("UN Secretary-General"));
    assert_eq!(role("Daniel Osterman").as_deref(), Some("US secretary of state"));
    assert_eq!(role("Peter Lindqvist").as_deref(), Some("spokesman"));
    for body in ["EU", "UN", "US"] {
        assert!(doc.entities.iter().any(|e| e.name == body), "no entity {body}");
    }
    assert_eq!(
        mention_of(&doc, "the bloc would"),
        Some("EU foreign policy chief Mira Kallberg")
    );
    assert_eq!(statement(&doc, "talks would go on").0, "Daniel Osterman");
}

#[test]
fn the_description_of_an_unnamed_source_takes_it_up_past_a_named_one() {
    // "the diplomat" is the unnamed "senior Western diplomat", not the
    // governor named in between.
    let doc = analyze(
        "According to the regional governor, Oleh Petrenko, two people were injured. \
         A senior Western diplomat, who asked not to be named, said the strikes were meant to pressure Kyiv. \
         \"They want to negotiate from a position of strength,\" the diplomat said.",
    );
    assert_eq!(statement(&doc, "two people").0, "Oleh Petrenko");
    assert_eq!(statement(&doc, "They want").0, "senior Western diplomat");
}

#[test]
fn a_claim_that_others_reject_after_a_quotation_is_their_denial() {
    // `"…," a claim X rejects`: the comma inside the closing mark; the
    // quotation ends the spokesman's words and is what the others deny.
    let doc = analyze(
        "Kremlin spokesman Dmitry Peskov told reporters that Russian forces \"never strike civilian targets,\" \
         a claim Ukraine and its Western allies reject. It did not mention the power plant.",
    );
    let peskov = doc
        .statements
        .iter()
        .find(|s| s.speaker == "Dmitry Peskov")
        .expect("Peskov");
    assert!(
        doc.slice(peskov.content).ends_with("targets,\""),
        "{}",
        doc.slice(peskov.content)
    );
    let denial = doc
        .statements
        .iter()
        .find(|s| s.speaker.starts_with("Ukraine"))
        .expect("the denial");
    assert_eq!(denial.speaker, "Ukraine and its Western allies");
    assert_eq!(denial.stance, Stance::Deny);
    // "did not mention" a thing reports nothing.
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).contains("power plant")));
}

#[test]
fn analysts_at_a_body_named_for_its_remit_speak_for_it() {
    let doc =
        analyze("Analysts at the Institute for the Study of War said Russia was likely to intensify its attacks.");
    let (speaker, _, stance) = statement(&doc, "Russia was likely");
    assert_eq!(
        (speaker.as_str(), stance),
        ("Institute for the Study of War", Stance::Speculate)
    );
    assert_eq!(
        mention_of(&doc, "Russia was likely"),
        Some("Institute for the Study of War")
    );
}

#[test]
fn a_dateline_place_in_capitals_and_a_body_named_for_an_election() {
    let doc = analyze_text(
        "Commission rejects fraud claims\n\n\
         TBILISI (AP) — Georgia's Central Election Commission on Sunday dismissed claims that the vote was rigged.\n",
    );
    let names: Vec<(&str, claimgraph_doc::EntityType)> =
        doc.entities.iter().map(|e| (e.name.as_str(), e.etype)).collect();
    assert!(
        names.contains(&("Tbilisi", claimgraph_doc::EntityType::Gpe)),
        "{names:?}"
    );
    assert!(
        names.contains(&("Central Election Commission", claimgraph_doc::EntityType::Org)),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|(_, t)| *t == claimgraph_doc::EntityType::Event),
        "{names:?}"
    );
}

#[test]
fn an_expert_in_apposition_has_a_role_and_may_never_is_no_denial() {
    let doc = analyze(
        "Dr. Alan Brooks, a cardiologist at Johns Hopkins University who was not involved in the research, \
         said the data were \"concerning\". An agency spokeswoman said it does not discuss ongoing reviews. \
         \"The market is pricing in a worst-case scenario that may never happen,\" said analyst Priya Raman.",
    );
    let brooks = doc.entities.iter().find(|e| e.name == "Alan Brooks").expect("Brooks");
    assert_eq!(brooks.role.as_deref(), Some("cardiologist at Johns Hopkins University"));
    let spokeswoman = doc
        .statements
        .iter()
        .find(|s| s.speaker.ends_with("spokeswoman"))
        .expect("the spokeswoman");
    assert_eq!(spokeswoman.speaker_type, claimgraph_doc::SpeakerType::Person);
    assert_ne!(statement(&doc, "The market is pricing").2, Stance::Deny);
}

#[test]
fn bodies_named_with_and_and_their_acronyms_and_an_employer_before_a_role() {
    let doc = analyze(
        "The company said it had shared the data with the U.S. Food and Drug Administration. \
         The FDA declined to comment. The Ministry of Trade and Industry said exports rose. \
         \"Shares are oversold,\" said Jefferies analyst Priya Raman.",
    );
    let names: Vec<(&str, claimgraph_doc::EntityType)> =
        doc.entities.iter().map(|e| (e.name.as_str(), e.etype)).collect();
    use claimgraph_doc::EntityType::Org;
    assert!(names.contains(&("U.S. Food and Drug Administration", Org)), "{names:?}");
    assert!(
        !names.iter().any(|(n, _)| *n == "FDA"),
        "the acronym is an alias: {names:?}"
    );
    assert!(names.contains(&("Ministry of Trade and Industry", Org)), "{names:?}");
    assert!(names.contains(&("Jefferies", Org)), "{names:?}");
}

#[test]
fn an_outlet_after_its_description_speaks_and_a_spokesperson_for_a_body() {
    let doc = analyze(
        "According to a report by the investigative outlet Bellingcat, metadata in the file points to a ministry computer. \
         Bellingcat said it had not confirmed the employee's identity. \
         A spokesperson for the ministry told reporters that the memo was \"a crude forgery.\"",
    );
    let (speaker, _, _) = statement(&doc, "metadata in the file");
    assert_eq!(speaker, "Bellingcat");
    let outlet = doc
        .entities
        .iter()
        .find(|e| e.name == "Bellingcat")
        .expect("Bellingcat");
    assert_eq!(outlet.etype, claimgraph_doc::EntityType::Media);
    let (speaker, _, stance) = statement(&doc, "the memo was");
    assert_eq!(
        (speaker.as_str(), stance),
        ("spokesperson for the ministry", Stance::Deny)
    );
}

#[test]
fn events_name_who_did_what_to_whom_where_and_when() {
    let doc = claimgraph::pipeline::analyze(RawDoc {
        meta: Meta {
            id: "events".to_string(),
            source: "events.txt".to_string(),
            language: "en".to_string(),
            published: Some("2024-10-27".to_string()),
            ..Meta::default()
        },
        text: "Strikes\n\n\
         Israel launched missile strikes on military facilities in Tehran on the night of 26 October. \
         Police arrested 12 protesters in Baku on Saturday. \
         Foreign Minister Abbas Araghchi met his Azerbaijani counterpart Jeyhun Bayramov in Baku. \
         The ministry did not attack anyone, and the army will strike back, officials said. \
         \"We bombed the bridge,\" the commander said.\n"
            .to_string(),
        header: None,
    });
    // actor | action | target | CAMEO code | date | places
    let ev: Vec<String> = doc
        .events
        .iter()
        .map(|e| {
            format!(
                "{} | {} | {} | {} | {} | {}",
                e.actor.as_deref().unwrap_or("-"),
                e.action,
                e.target.as_deref().unwrap_or("-"),
                e.code.as_deref().unwrap_or("-"),
                e.date.as_deref().unwrap_or("-"),
                e.places.join(", ")
            )
        })
        .collect();
    assert_eq!(
        ev,
        [
            "Israel | launched missile strikes | military facilities | 190 | 2024-10-26 | Tehran",
            "Police | arrested | 12 protesters | 175 | 2024-10-26 | Baku",
            "Abbas Araghchi | met | Jeyhun Bayramov | 040 | - | Baku",
        ],
        "negated, future and quoted acts are no events"
    );
}

#[test]
fn a_report_citing_its_sources_reports_what_comes_before_it() {
    let doc = analyze(
        "Iran has supplied hundreds of drones to Russia, The Washington Post reported on Tuesday, \
         citing intelligence officials. Others cautioned that the numbers were impossible to verify.",
    );
    // (the officials speak, the newspaper relays them)
    assert_eq!(
        relay_of(&doc, "Iran has supplied"),
        (
            "intelligence officials".into(),
            Some(("Washington Post".into(), "citing".into()))
        )
    );
    assert_eq!(
        content_starting(&doc, "Iran has supplied"),
        "Iran has supplied hundreds of drones to Russia"
    );
    assert_eq!(statement(&doc, "the numbers were").0, "Others");
    // what is supplied goes to someone: the receiver is the target
    let e = doc.events.iter().find(|e| e.action == "supplied").expect("the event");
    assert_eq!(
        (e.actor.as_deref(), e.target.as_deref()),
        (Some("Iran"), Some("Russia"))
    );
}

#[test]
fn an_event_inside_a_statement_names_the_statement_that_reports_it() {
    let doc = analyze(
        "Ukraine said Russian drones had struck a power plant in the Kharkiv region. \
         Police arrested 12 protesters in Baku.",
    );
    let struck = doc.events.iter().find(|e| e.action == "struck").expect("struck");
    let s = struck.statement.expect("reported by a statement");
    assert_eq!(doc.statements[s].speaker, "Ukraine");
    let arrested = doc.events.iter().find(|e| e.action == "arrested").expect("arrested");
    assert_eq!(arrested.statement, None);
}

#[test]
fn a_hyphenated_name_in_apposition_is_the_speaker() {
    let doc = analyze("The minister, Park Ji-hoon, said he had done nothing wrong.");
    assert_eq!(statement(&doc, "he had done").0, "Park Ji-hoon");
}

#[test]
fn declining_to_comment_but_saying_something_is_a_statement() {
    let doc =
        analyze("A Hanwha spokesman declined to comment on the meeting but said the company complied with every rule.");
    let (speaker, cue, _) = statement(&doc, "the company complied");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Hanwha spokesman", "said"));
}

#[test]
fn a_denied_noun_phrase_ends_before_its_time_adjunct() {
    let doc = analyze("Peskov denied the allegations on Monday. Lavrov denied the report in a statement last week.");
    assert_eq!(content_starting(&doc, "the allegations"), "the allegations");
    assert_eq!(content_starting(&doc, "the report"), "the report");
    assert_eq!(statement(&doc, "the report").2, Stance::Deny);
}

#[test]
fn a_clause_after_the_hearer_holds_its_quotation() {
    let doc =
        analyze("The ministry told AFP the footage was \"a crude fake designed to turn Muslims against Ukraine.\"");
    assert!(content_starting(&doc, "the footage was").contains("crude fake"));
}

#[test]
fn disinformation_that_someone_spreads_is_no_denial() {
    let doc = analyze(
        "He added that the video first appeared on a Telegram channel known for spreading Russian disinformation. \
         The embassy said the report was disinformation.",
    );
    assert_eq!(statement(&doc, "the video first").2, Stance::Assert);
    assert_eq!(statement(&doc, "the report was").2, Stance::Deny);
}

#[test]
fn a_subject_after_its_complement_is_no_apposition_either() {
    let doc = analyze(
        "According to documents seen by Ukrinform, an aide to the minister met executives of Hanwha Aerospace on April 2.",
    );
    let outlet = doc.entities.iter().find(|e| e.name == "Ukrinform").expect("the outlet");
    assert_eq!(outlet.role, None);
    let firm = doc
        .entities
        .iter()
        .find(|e| e.name == "Hanwha Aerospace")
        .expect("the firm");
    assert_eq!(firm.etype, claimgraph_doc::EntityType::Org);
}

#[test]
fn a_role_governing_its_body_before_the_name_is_the_role() {
    let doc = analyze(
        "The head of Iran's customs administration, Mohammad Rezvanifar, rejected reports that the papers were false.",
    );
    let head = doc
        .entities
        .iter()
        .find(|e| e.name == "Mohammad Rezvanifar")
        .expect("the person");
    assert_eq!(head.role.as_deref(), Some("head of Iran's customs administration"));
}

#[test]
fn a_wire_dateline_with_its_date_is_no_content() {
    let doc = analyze_text(
        "Headline\n\nSEOUL, June 3 (Reuters) - South Korea's trade minister knew of the contract, \
         two people familiar with the matter said.\n",
    );
    assert_eq!(
        content_starting(&doc, "South Korea's"),
        "South Korea's trade minister knew of the contract"
    );
}

#[test]
fn a_quotation_then_but_and_a_second_cue_are_two_statements() {
    let doc = analyze(
        "Lawmaker Ahmad Ardestani told the Khabar Online website that \"sabotage cannot be ruled out,\" \
         but cautioned that the investigation was still under way.",
    );
    let (speaker, _, stance) = statement(&doc, "sabotage");
    assert_eq!((speaker.as_str(), stance), ("Ahmad Ardestani", Stance::Speculate));
    assert!(!content_starting(&doc, "sabotage").contains("cautioned"));
    let (speaker, cue, _) = statement(&doc, "the investigation");
    assert_eq!((speaker.as_str(), cue.as_str()), ("Ahmad Ardestani", "cautioned"));
}

#[test]
fn a_role_description_is_not_another_role_s_unnamed_source() {
    let doc =
        analyze("A Hanwha spokesman said the company complied with every rule. The minister denied any wrongdoing.");
    assert_ne!(statement(&doc, "any wrongdoing").0, "Hanwha spokesman");
}

#[test]
fn a_post_on_social_media_is_a_channel_and_the_billionaire_is_the_one_named() {
    let doc = analyze(
        "Elon Musk has claimed, without evidence, that voting machines were \"hacked by foreign actors.\" \
         In a post on X on Sunday, the billionaire wrote that he had \"seen the data.\" \
         Senator Mike Lee wrote on social media that \"questions must be answered,\" while others urged caution.",
    );
    assert_eq!(statement(&doc, "he had").0, "Elon Musk");
    assert_eq!(statement(&doc, "questions must").0, "Mike Lee");
    assert!(!content_starting(&doc, "questions must").contains("others"));
}

#[test]
fn a_state_agency_named_over_and_is_one_government_body() {
    let doc = analyze(
        "The US Cybersecurity and Infrastructure Security Agency said it was aware of the claims but had found \
         no sign of a breach. Pennsylvania's top election official said there is zero evidence of any tampering. \
         Russia's prison service said the inmate lost consciousness after a walk.",
    );
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("it was aware"))
        .expect("the agency's statement");
    assert_eq!(s.speaker, "US Cybersecurity and Infrastructure Security Agency");
    assert_eq!(s.speaker_type, claimgraph_doc::SpeakerType::Government);
    assert_eq!(s.stance, Stance::Deny);
    assert_eq!(statement(&doc, "there is zero").2, Stance::Deny);
    let prison = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the inmate"))
        .expect("the service's statement");
    assert_eq!(prison.speaker_type, claimgraph_doc::SpeakerType::Government);
}

#[test]
fn a_name_in_apposition_to_a_possessed_subject_is_her() {
    let doc = analyze(
        "The Kremlin rejected accusations that Putin was responsible for the death of opposition leader \
         Alexei Navalny.\n\nNavalny's widow, Yulia Navalnaya, said in a video that Putin had killed her husband. \
         She alleged that the authorities were hiding his body.",
    );
    assert_eq!(statement(&doc, "the authorities were").0, "Yulia Navalnaya");
}

#[test]
fn people_named_by_what_they_are_and_where_speak_as_such() {
    let doc = analyze(
        "\"I don't trust it,\" one mother in Kisumu told the BBC. A resident of Gaza City said the strike hit a school. \
         Critics of the rollout claimed the trial had been rushed.",
    );
    assert_eq!(statement(&doc, "I don't").0, "one mother in Kisumu");
    assert_eq!(statement(&doc, "the strike").0, "resident of Gaza City");
    let critics = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the trial"))
        .expect("the critics' statement");
    assert_eq!(critics.speaker_type, claimgraph_doc::SpeakerType::Group);
}

#[test]
fn a_hyphenated_body_a_journal_and_the_who_are_named_whole() {
    let doc = analyze_text(
        "Headline\n\nGAZA, Aug 10 (Reuters) - An air strike killed 12 people, according to the Hamas-run health \
         ministry.\n\nThe World Health Organization dismissed as \"baseless\" social media claims that the vaccine \
         causes infertility. \"There is no link,\" said Kate Brien, the WHO's director of immunization. A study \
         published in The Lancet found that the vaccine reduced deaths. An IDF spokesperson, Lt. Col. Nadav Shoshani, \
         told reporters that the military was reviewing the incident.\n",
    );
    assert_eq!(statement(&doc, "An air strike").0, "Hamas-run health ministry");
    assert!(!doc.entities.iter().any(|e| e.name == "Aug"));
    let (speaker, _, stance) = statement(&doc, "the vaccine causes");
    assert_eq!((speaker.as_str(), stance), ("World Health Organization", Stance::Deny));
    let role_of = |name: &str| {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.role.clone())
            .unwrap_or_default()
    };
    assert_eq!(role_of("Kate Brien"), "WHO's director of immunization");
    assert_eq!(role_of("Nadav Shoshani"), "spokesperson");
    assert!(doc.entities.iter().any(|e| e.name == "The Lancet"));
}

#[test]
fn a_company_named_by_its_staff_and_claims_it_rejected() {
    let doc = analyze(
        "A Boeing engineer told a Senate panel that the company took shortcuts, claims the planemaker strongly \
         rejected. Boeing said in a statement that the claims were \"inaccurate.\" The company added that the \
         aircraft had undergone rigorous testing.",
    );
    let boeing = doc.entities.iter().find(|e| e.name == "Boeing").expect("Boeing");
    assert_eq!(boeing.etype, claimgraph_doc::EntityType::Org);
    assert_eq!(content_starting(&doc, "the company took"), "the company took shortcuts");
    assert!(doc
        .statements
        .iter()
        .any(|s| doc.slice(s.content) == "the company took shortcuts" && s.stance == Stance::Deny));
    assert_eq!(statement(&doc, "the claims were").2, Stance::Deny);
    assert_eq!(statement(&doc, "the aircraft").0, "Boeing");
}

#[test]
fn a_citing_parenthetical_before_that_and_an_adding_clause_with_a_quoted_verb() {
    let doc = analyze(
        "Iran's Tasnim news agency claimed on Tuesday, citing \"informed sources,\" that Israeli drones had taken \
         off from Azerbaijan. Azerbaijan's Foreign Ministry spokesman Aykhan Hajizada described the report as \
         \"another provocation,\" adding that Azerbaijani territory \"has never been used against neighbours.\"",
    );
    assert_eq!(
        relay_of(&doc, "Israeli drones"),
        ("informed sources".into(), Some(("Tasnim".into(), "citing".into())))
    );
    assert_eq!(statement(&doc, "the report as").2, Stance::Deny);
    let (speaker, cue, stance) = statement(&doc, "Azerbaijani territory");
    assert_eq!(
        (speaker.as_str(), cue.as_str(), stance),
        ("Aykhan Hajizada", "adding", Stance::Deny)
    );
    assert!(doc.entities.iter().all(|e| e.name != "Policy"));
}

#[test]
fn a_bare_role_and_its_body_after_a_name() {
    let doc = analyze(
        "According to Farhad Mammadov, head of the Center for Studies of the South Caucasus, \"the rhetoric is \
         dangerous, but neither side wants a real crisis.\" Foreign Policy magazine reported that Israel had \
         access to airbases in Azerbaijan.",
    );
    assert!(content_starting(&doc, "the rhetoric").starts_with("the rhetoric is dangerous"));
    let m = doc
        .entities
        .iter()
        .find(|e| e.name == "Farhad Mammadov")
        .expect("Mammadov");
    assert_eq!(
        m.role.as_deref(),
        Some("head of the Center for Studies of the South Caucasus")
    );
    assert!(doc.entities.iter().any(|e| e.name == "Foreign Policy"));
}

#[test]
fn time_adjuncts_before_that_and_a_legislature_told() {
    let doc = analyze(
        "Deputy Prime Minister Oliver Dowden told Parliament that a group known as APT31 had carried out the attack. \
         The Electoral Commission said in August that hackers had accessed the register. It said at the time that it \
         could not say who was responsible. \"Naming the unit is a clear signal,\" said Ciaran Martin, former head of \
         the National Cyber Security Centre. Chinese Foreign Ministry spokesman Lin Jian said the accusations were \
         \"completely fabricated.\" The research team says in Thursday's edition of Science that a control problem \
         occurred.",
    );
    let parliament = doc
        .entities
        .iter()
        .find(|e| e.name == "Parliament")
        .expect("Parliament");
    assert_ne!(parliament.etype, claimgraph_doc::EntityType::Media);
    assert_eq!(statement(&doc, "hackers had").0, "Electoral Commission");
    assert_eq!(statement(&doc, "it could not say").0, "Electoral Commission");
    assert!(content_starting(&doc, "a control problem").starts_with("a control problem"));
    let role_of = |name: &str| {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.role.clone())
    };
    assert_eq!(
        role_of("Ciaran Martin").as_deref(),
        Some("former head of the National Cyber Security Centre")
    );
    assert_eq!(
        role_of("Lin Jian").as_deref(),
        Some("Chinese Foreign Ministry spokesman")
    );
}

/// The relay of the statement whose content starts with `content`: (speaker,
/// relay name, relaying word).
fn relay_of(doc: &Doc, content: &str) -> (String, Option<(String, String)>) {
    let s = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).trim_start_matches(['“', '"']).starts_with(content))
        .unwrap_or_else(|| panic!("no statement starting {content:?}"));
    (
        s.speaker.clone(),
        s.relayed_by
            .as_ref()
            .map(|r| (r.name.clone(), doc.slice(r.cue).to_string())),
    )
}

#[test]
fn a_source_cited_or_quoted_by_an_outlet_speaks_and_the_outlet_relays() {
    let doc = analyze(
        "Russian news agency TASS, citing a source in the emergency services, reported that the fire had been \
         caused by a drone. The Wall Street Journal reported, citing U.S. officials, that Iran had supplied the \
         drones. Al Arabiya quoted a senior Hamas official as saying the group would not disarm. Kremlin \
         spokesman Dmitry Peskov, quoted by RIA Novosti, said the claims were absurd. Two officials cited by \
         Reuters said the shipment had been delayed. Citing two people familiar with the matter, Bloomberg \
         reported that the company was exploring a sale. According to the Financial Times, which cited three \
         people close to the negotiations, the deal was worth $2 billion. Russia's defence ministry said on \
         Sunday its forces had taken control of the village, the Interfax news agency reported.",
    );
    let relay = |who: &str, cue: &str| Some((who.to_string(), cue.to_string()));
    assert_eq!(
        relay_of(&doc, "the fire had"),
        ("source in the emergency services".into(), relay("TASS", "citing"))
    );
    assert_eq!(
        relay_of(&doc, "Iran had supplied"),
        ("U.S. officials".into(), relay("Wall Street Journal", "citing"))
    );
    assert_eq!(
        relay_of(&doc, "the group would"),
        ("senior Hamas official".into(), relay("Al Arabiya", "quoted"))
    );
    assert_eq!(
        relay_of(&doc, "the claims were"),
        ("Dmitry Peskov".into(), relay("RIA Novosti", "quoted"))
    );
    assert_eq!(
        relay_of(&doc, "the shipment"),
        ("two officials".into(), relay("Reuters", "cited"))
    );
    assert_eq!(
        relay_of(&doc, "the company was"),
        (
            "two people familiar with the matter".into(),
            relay("Bloomberg", "Citing")
        )
    );
    // ("which cited …" is the attribution's, not the content's)
    assert_eq!(
        relay_of(&doc, "the deal was"),
        (
            "three people close to the negotiations".into(),
            relay("Financial Times", "cited")
        )
    );
    assert_eq!(content_starting(&doc, "the deal was"), "the deal was worth $2 billion");
    assert_eq!(
        relay_of(&doc, "its forces"),
        ("Russian defence ministry".into(), relay("Interfax", "reported"))
    );
}

#[test]
fn citing_evidence_or_a_reason_is_no_relay() {
    let doc = analyze(
        "The army said, citing satellite images, that the base had been destroyed. The ministry said the strikes \
         would continue, citing intelligence reports. The Washington Post, citing leaked documents, reported that \
         the agency had monitored the calls. Peskov told reporters the Kremlin had no information, according to \
         RIA, citing his remarks to journalists.",
    );
    for content in ["the base had", "the strikes would", "the agency had"] {
        let (speaker, relay) = relay_of(&doc, content);
        assert_eq!(relay, None, "{content}: {speaker}");
    }
    assert_eq!(relay_of(&doc, "the agency had").0, "Washington Post");
    // (RIA passed Peskov's words on; its citing his remarks makes no
    // other relay)
    assert_eq!(
        relay_of(&doc, "the Kremlin had"),
        ("Peskov".into(), Some(("RIA".into(), "according to".into())))
    );
}

#[test]
fn state_television_keeps_its_country() {
    let doc = analyze(
        "Iranian state TV said the drone was shot down over the Gulf. State television said the president would \
         address the nation. Chinese state broadcaster CCTV said the balloon was a civilian airship.",
    );
    assert_eq!(statement(&doc, "the drone was").0, "Iranian state TV");
    assert_eq!(statement(&doc, "the president would").0, "State television");
    assert_eq!(statement(&doc, "the balloon was").0, "CCTV");
}

#[test]
fn a_relative_clause_between_the_subject_and_its_cue() {
    let doc = analyze(
        "Officials who spoke on condition of anonymity said the deal was close. An aide who was present said Putin \
         was angry. Officials who spoke said it was over. To many others who joined because they believed it was \
         right, I am grateful.",
    );
    assert_eq!(statement(&doc, "the deal was").0, "Officials");
    assert_eq!(statement(&doc, "Putin was").0, "aide");
    assert_eq!(statement(&doc, "it was over").0, "Officials");
    // (the clause's own subject speaks in its own clause)
    assert_ne!(statement(&doc, "it was right").0, "many others");
}

#[test]
fn the_who_and_the_times_of_israel_are_named() {
    let doc = analyze(
        "The WHO said cases had doubled. Who said that? The Times of Israel reported that the talks were at an \
         impasse.",
    );
    let ty = |name: &str| doc.entities.iter().find(|e| e.name == name).map(|e| e.etype);
    assert_eq!(ty("WHO"), Some(claimgraph_doc::EntityType::Org));
    assert_eq!(ty("Times of Israel"), Some(claimgraph_doc::EntityType::Media));
    assert_eq!(statement(&doc, "cases had").0, "WHO");
    assert_eq!(statement(&doc, "the talks were").0, "Times of Israel");
    assert!(doc.entities.iter().all(|e| e.name != "Who"));
}

#[test]
fn a_complementizer_after_wrote_and_plural_outlets() {
    let doc = analyze(
        "Stanovaya wrote that the allegations reflected a lack of information. Some Western tabloids claimed he \
         was ill. Arab media reported that the talks had failed. A spokesperson for the Pentagon said the \
         department had \"no indication\" of weapons diversion.",
    );
    assert_eq!(statement(&doc, "the allegations reflected").0, "Stanovaya");
    let tabloids = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content) == "he was ill")
        .expect("tabloids");
    assert_eq!(
        (tabloids.speaker.as_str(), tabloids.speaker_type),
        ("Western tabloids", claimgraph_doc::SpeakerType::Media)
    );
    assert_eq!(statement(&doc, "the talks had").0, "Arab media");
    assert_eq!(statement(&doc, "the department had").2, Stance::Deny);
}

#[test]
fn a_claim_noun_opening_the_sentence_and_posts_on_a_platform() {
    let doc = analyze(
        "A claim that Ukraine sold Western-donated weapons to Hamas has spread widely on social media. Rumours that \
         the tender had been rigged circulated on social media for weeks. Reports that Putin was ill have been \
         denied by the Kremlin. Posts on X and Telegram claimed that militants used rifles supplied to Kyiv.",
    );
    assert_eq!(
        content_starting(&doc, "Ukraine sold"),
        "Ukraine sold Western-donated weapons to Hamas"
    );
    assert_eq!(content_starting(&doc, "the tender had"), "the tender had been rigged");
    assert_eq!(content_starting(&doc, "Putin was ill"), "Putin was ill");
    let posts = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("militants used"))
        .expect("posts");
    assert_eq!(
        (posts.speaker.as_str(), posts.speaker_type),
        ("Posts on X and Telegram", claimgraph_doc::SpeakerType::Unnamed)
    );
}

#[test]
fn a_quoted_verdict_before_the_report_it_dismisses() {
    let doc = analyze(
        "The Kremlin on Tuesday dismissed as \"absolute fake news\" a report on a Telegram channel that President \
         Vladimir Putin had suffered a cardiac arrest. The General SVR channel said on Monday that Putin had been \
         found on the floor of his bedroom.",
    );
    let (speaker, _, stance) = statement(&doc, "President Vladimir Putin had");
    assert_eq!((speaker.as_str(), stance), ("Kremlin", Stance::Deny));
    assert_eq!(
        content_starting(&doc, "President Vladimir Putin had"),
        "President Vladimir Putin had suffered a cardiac arrest"
    );
    assert_eq!(statement(&doc, "Putin had been found").0, "General SVR");
}

#[test]
fn south_china_sea_copy_names_and_speakers() {
    let doc = analyze(
        "China on Monday rejected accusations by the Philippines that its coast guard had rammed a supply \
         vessel near Second Thomas Shoal, calling the claims \"groundless.\" The United States condemned what it \
         called China's \"aggressive and dangerous\" actions. Philippine officials said the crew was safe. The \
         Philippine coast guard said it would respond. \"This is an escalation,\" said Collin Koh, a senior fellow \
         at the London School of Economics. The reports, first published by the Tasnim news agency and later \
         repeated by several Iranian newspapers, alleged that Israeli drones were stationed at an airbase.",
    );
    // the participle is the main clause's (China's), not the accusers'
    assert_eq!(statement(&doc, "the claims").0, "China");
    // "what it called": the subject condemned; the mention stays "it"
    assert_eq!(statement(&doc, "China's").0, "United States");
    assert_eq!(mention_of(&doc, "China's"), Some("it"));
    assert_eq!(statement(&doc, "the crew was").0, "Philippine officials");
    let guard = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content) == "it would respond")
        .expect("coast guard");
    assert_eq!(guard.speaker_type, claimgraph_doc::SpeakerType::Government);
    assert_eq!(statement(&doc, "Israeli drones").0, "reports");
    let ty = |name: &str| doc.entities.iter().find(|e| e.name == name).map(|e| e.etype);
    assert_eq!(ty("Second Thomas Shoal"), Some(claimgraph_doc::EntityType::Loc));
    assert_eq!(ty("London School of Economics"), Some(claimgraph_doc::EntityType::Org));
    assert_eq!(ty("Philippines"), Some(claimgraph_doc::EntityType::Gpe));
}

#[test]
fn a_campaign_someone_ran_and_a_remit_listed_with_commas() {
    let doc = analyze(
        "Russia has rejected allegations by Germany that it ran a large-scale disinformation campaign on X. \
         Experts at the Center for Monitoring, Analysis and Strategy (CeMAS) said the operation was likely \
         coordinated from Moscow. The ministry said the accusations were part of a disinformation campaign.",
    );
    let accusation = doc
        .statements
        .iter()
        .find(|s| s.speaker == "Germany")
        .expect("Germany's allegation");
    // (the campaign is what Germany alleges, no verdict on a claim)
    assert_ne!(accusation.stance, Stance::Deny);
    assert_eq!(statement(&doc, "the accusations were").2, Stance::Deny);
    assert!(doc
        .entities
        .iter()
        .any(|e| e.name == "Center for Monitoring, Analysis and Strategy"));
    assert_ne!(statement(&doc, "the operation was").0, "Analysis and Strategy");
}

#[test]
fn a_charge_the_group_dismissed_as_propaganda() {
    let doc = analyze(
        "Hamas accused Israel of violating the ceasefire. Qatar's foreign ministry urged both sides to show \
         restraint, saying the ceasefire was \"the only path\" to peace. Some Israeli commentators have claimed \
         that Hamas is rearming during the truce, a charge the group has dismissed as \"propaganda.\" At least 20 \
         people were killed, according to the territory's civil defence agency.",
    );
    let denial = doc
        .statements
        .iter()
        .find(|s| s.stance == Stance::Deny)
        .expect("the group's denial");
    assert_eq!(
        (denial.speaker.as_str(), doc.slice(denial.content)),
        ("Hamas", "Hamas is rearming during the truce")
    );
    let agency = doc
        .statements
        .iter()
        .find(|s| s.speaker.contains("civil defence agency"))
        .expect("agency");
    assert_eq!(agency.speaker_type, claimgraph_doc::SpeakerType::Government);
}

#[test]
fn a_reporters_time_line_a_disagreement_and_a_portfolio_title() {
    let doc = analyze(
        "The World Health Organization said on Wednesday there was no evidence linking vaccines to autism, a day \
         after US President Donald Trump claimed that childhood vaccines were driving a rise in autism. Kenvue \
         said it strongly disagreed with any suggestion that its painkiller causes autism. Health Secretary \
         Robert F. Kennedy Jr. has said his department would investigate.",
    );
    assert_eq!(
        content_starting(&doc, "there was no evidence"),
        "there was no evidence linking vaccines to autism"
    );
    assert_eq!(statement(&doc, "it strongly disagreed").2, Stance::Deny);
    assert!(doc.entities.iter().all(|e| e.name != "Health"));
}

#[test]
fn agency_copy_with_a_dash_before_the_cue_and_a_role_of_someone() {
    let doc = analyze(
        "The charges against Moscow are baseless, said the press secretary of the President of Russia Dmitry \
         Peskov. \"These claims have no basis, there is no proof,\" — said Zakharova (quoted by RIA Novosti). \
         \"We do not intend to comment on this,\" — said the representative of the ministry. A spokesman for \
         Prime Minister Viktor Orban on Monday dismissed as \"pure fiction\" claims that Budapest had blocked \
         the sanctions.",
    );
    assert_eq!(statement(&doc, "The charges against Moscow").0, "Dmitry Peskov");
    let (speaker, relay) = relay_of(&doc, "These claims");
    assert_eq!(speaker, "Zakharova");
    assert_eq!(relay.map(|r| r.0), Some("RIA Novosti".into()));
    assert_eq!(statement(&doc, "We do not intend").0, "representative of the ministry");
    // The spokesman speaks, not the prime minister he speaks for.
    let (speaker, _, stance) = statement(&doc, "Budapest had blocked");
    assert_eq!((speaker.as_str(), stance), ("spokesman for Viktor Orban", Stance::Deny));
}

#[test]
fn a_bare_day_a_fronted_time_and_a_participle_on_the_main_verb() {
    let doc = analyze(
        "Danish officials Thursday said that the drone had been launched from a ship. Last month, Georgia's \
         Prime Minister Irakli Kobakhidze criticized the report in an interview, asking \"who benefits from \
         this?\" Moscow has always denied playing any part in the poisoning.",
    );
    assert_eq!(statement(&doc, "the drone had been").0, "Danish officials");
    assert_eq!(statement(&doc, "who benefits").0, "Irakli Kobakhidze");
    assert_eq!(
        statement(&doc, "playing any part"),
        ("Moscow".into(), "denied".into(), Stance::Deny)
    );
}

#[test]
fn a_mixed_quote_closing_on_its_comma_and_an_opinion_verb_inside() {
    let doc = analyze(
        "The ministry considers reports of its involvement in the alleged sabotage to be \"utter nonsense,\" \
         spokeswoman Maria Zakharova said Tuesday.",
    );
    let s = &doc.statements[0];
    assert_eq!(s.speaker, "Maria Zakharova");
    assert_eq!(
        doc.slice(s.content),
        "The ministry considers reports of its involvement in the alleged sabotage to be \"utter nonsense,\""
    );
    assert_eq!(s.stance, Stance::Deny);
}

#[test]
fn relative_that_a_who_clause_a_long_adjunct_and_a_second_verb() {
    let doc = analyze(
        "Orban's chief of staff said the memo that describes the talks was a forgery. Zakharova was asked about \
         statements of Navalny's allies, who believe that the Kremlin is responsible. Hungarian Foreign \
         Minister Peter Szijjarto stated during a joint news conference with his Slovak counterpart that the \
         pipeline would remain open. \"Such reports are aimed at undermining our relations,\" the ministry told \
         the agency Interfax and declared that the allegations had been spread by foreign services.",
    );
    // "that describes": a relative clause inside the content, no noun cue.
    assert_eq!(
        content_starting(&doc, "the memo"),
        "the memo that describes the talks was a forgery"
    );
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("describes")));
    assert_eq!(statement(&doc, "the Kremlin is responsible").0, "Navalny allies");
    assert_eq!(statement(&doc, "the pipeline would").1, "stated");
    assert_eq!(statement(&doc, "the allegations had been").1, "declared");
    assert_eq!(statement(&doc, "Such reports are").1, "told");
}

#[test]
fn rumours_someone_spreads_and_allegations_a_report_contains() {
    let doc = analyze(
        "Lavrov told his counterpart that certain forces were spreading rumours aimed at damaging bilateral \
         ties. Peskov told journalists on Friday that the report contained \"unfounded allegations substantiated \
         with nothing\" and was written on an amateurish level. Peskov said: \"We strongly exclude any \
         involvement of Moscow.\"",
    );
    assert_ne!(statement(&doc, "certain forces").2, Stance::Speculate);
    assert_eq!(statement(&doc, "the report contained").2, Stance::Deny);
    assert_eq!(statement(&doc, "We strongly exclude").2, Stance::Deny);
}

#[test]
fn an_outlet_after_its_verb_relays_and_the_statement_speaks_for_its_issuer() {
    let doc = analyze(
        "The \"accusations about the raid are false accusations,\" Hamas said in a statement, noting that the \
         army \"has made such claims before, and they were later proven to be false,\" reported Xinhua news \
         agency. \"These claims only cover up the massacre,\" said the statement. The movement insisted that \
         the sites were civilian, reported IRNA, citing Al Mayadeen on Sunday.",
    );
    let noting = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the army"))
        .expect("the noting statement");
    assert_eq!(
        noting.relayed_by.as_ref().map(|r| r.name.as_str()),
        Some("Xinhua news agency")
    );
    // The outlet has no statement of its own.
    assert!(doc.statements.iter().all(|s| !s.speaker.contains("Xinhua")));
    assert_eq!(statement(&doc, "These claims only").0, "Hamas");
    assert_eq!(
        content_starting(&doc, "The \"accusations"),
        "The \"accusations about the raid are false accusations,\""
    );
    let insisted = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the sites were"))
        .expect("insisted");
    assert_eq!(doc.slice(insisted.content), "the sites were civilian");
    assert_eq!(insisted.relayed_by.as_ref().map(|r| r.name.as_str()), Some("IRNA"));
}

#[test]
fn a_quote_opening_with_the_verb_a_subordinate_clause_and_a_went_on_to() {
    let doc = analyze(
        "The army's allegations \"are pure lies and misinformation,\" said Hamas spokesman Abu Obeida. Though \
         Pyongyang is denying involvement, it is not shy about praising the attack. KCNA went on to call the \
         accusations a \"wild rumor,\" adding that it could not reach the company's systems. The agency \
         released an article Sunday saying the attack may have been the work of supporters.",
    );
    assert_eq!(
        content_starting(&doc, "The army's"),
        "The army's allegations \"are pure lies and misinformation,\""
    );
    assert_eq!(content_starting(&doc, "involvement"), "involvement");
    assert_eq!(
        statement(&doc, "the accusations a"),
        ("KCNA".into(), "call".into(), Stance::Deny)
    );
    let (speaker, cue, stance) = statement(&doc, "the attack may have been");
    assert_eq!((cue.as_str(), stance), ("saying", Stance::Speculate));
    assert_ne!(speaker, "Sunday");
}

#[test]
fn a_coordinated_name_an_office_for_the_media_and_a_placed_diplomat() {
    let doc = analyze(
        "Army Radio reported earlier in the day that Mohammed Deif, the commander of the military wing, and \
         Rafa'a Salameh, a brigade commander, were the targets. The Hamas government media office said in a \
         statement that two of the dead were civilians. An unidentified North Korean diplomat in New York said \
         the link was a fabrication. North Korea's state-run news agency denied that it was involved.",
    );
    assert_eq!(
        content_starting(&doc, "Mohammed Deif"),
        "Mohammed Deif, the commander of the military wing, and Rafa'a Salameh, a brigade commander, were the targets"
    );
    let office = doc
        .statements
        .iter()
        .find(|s| s.speaker.ends_with("media office"))
        .expect("the media office");
    assert_eq!(office.speaker_type, claimgraph_doc::SpeakerType::Government);
    assert_ne!(statement(&doc, "the link was").0, "New York");
    assert!(statement(&doc, "it was involved").0.contains("state-run news agency"));
}

#[test]
fn business_copy_makers_companies_and_evening_denials() {
    let doc = analyze(
        "The Canada-based smartphone maker denied that it is in merger talks with a rival. \"We have not \
         engaged in discussions with anyone,\" the company said. A Korean electronics group on Wednesday \
         evening denied making an offer. Google has likewise denied the claims. \"Our policy is not to comment \
         on speculation and rumors,\" the firm added.",
    );
    let maker = &doc.statements[0];
    assert_eq!(maker.speaker_type, claimgraph_doc::SpeakerType::Organization);
    assert_eq!(statement(&doc, "We have not engaged").0, maker.speaker);
    assert_eq!(
        statement(&doc, "making an offer"),
        ("Korean electronics group".into(), "denied".into(), Stance::Deny)
    );
    assert_eq!(statement(&doc, "the claims").0, "Google");
    assert_ne!(statement(&doc, "Our policy is not").2, Stance::Speculate);
}

#[test]
fn fact_check_copy_posts_adverbs_and_descriptions() {
    let doc = analyze(
        "Bogus posts on social media, however, are baselessly claiming the fires were intentionally set. Some \
         commentators claim the senator is getting special treatment, misleadingly equating his case with \
         another. A prominent spreader of vaccine misinformation wrongly told legislators that autism is rare.",
    );
    let posts = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the fires"))
        .expect("the posts' claim");
    assert_eq!(posts.speaker, "Bogus posts on social media");
    assert_eq!(posts.speaker_type, claimgraph_doc::SpeakerType::Unnamed);
    assert_eq!(
        content_starting(&doc, "the senator"),
        "the senator is getting special treatment"
    );
    assert_eq!(
        statement(&doc, "autism is rare").0,
        "prominent spreader of vaccine misinformation"
    );
}

#[test]
fn offices_named_by_their_remit_and_companies_by_their_suffix() {
    let doc = analyze(
        "The U.S. Office of the Director of National Intelligence released a report on Friday. The Federal \
         Bureau of Investigation and the Department of Homeland Security said they were investigating. Officials at Nordvik \
         Ltd. denied the report, and Halvard Electronics Co. declined to comment.",
    );
    let entity = |name: &str| {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| {
                let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
                panic!("no entity {name}: {names:?}")
            })
            .etype
    };
    assert_eq!(
        entity("U.S. Office of the Director of National Intelligence"),
        claimgraph_doc::EntityType::Org
    );
    assert_eq!(
        entity("Federal Bureau of Investigation"),
        claimgraph_doc::EntityType::Org
    );
    assert_eq!(entity("Nordvik Ltd."), claimgraph_doc::EntityType::Org);
    assert_eq!(entity("Halvard Electronics Co."), claimgraph_doc::EntityType::Org);
}

#[test]
fn war_copy_claims_to_have_posts_and_early_days() {
    let doc = analyze(
        "Russia claimed to have shot down two Ukrainian drones. \"Air defence systems destroyed two drones,\" \
         the ministry posted on Telegram. The Russian Defense Ministry said early on Tuesday the military \
         jammed two drones over the Black Sea.",
    );
    assert_eq!(
        statement(&doc, "to have shot down"),
        ("Russia".into(), "claimed".into(), Stance::Assert)
    );
    assert_eq!(statement(&doc, "Air defence systems").1, "posted");
    assert_eq!(
        content_starting(&doc, "the military jammed"),
        "the military jammed two drones over the Black Sea"
    );
}

#[test]
fn science_copy_a_role_after_the_source_and_a_notice_that_says() {
    let doc = analyze(
        "According to Mara Lindholm, the study's last author, the retracted paper contained a duplicated figure. \
         The notice cites an unnamed student as the source of the error, and says the only author was unaware \
         of it. The authors state in the notice that their conclusion remains accurate.",
    );
    assert_eq!(
        content_starting(&doc, "the retracted paper"),
        "the retracted paper contained a duplicated figure"
    );
    assert_eq!(statement(&doc, "the only author").0, "notice");
    assert_eq!(statement(&doc, "their conclusion").1, "state");
}

#[test]
fn sports_copy_adjuncts_before_a_colon_and_clubs() {
    let doc = analyze(
        "Lena Varga said after the match against Norway in the post-match news conference: \"The first match is \
         always the toughest.\" The head coach of the national team further said about the match against Chile: \
         \"We will enter the field with a plan.\" Kestrel FC lost 1-0, and coach Arne Holt said that the home \
         side deserved to win. \"We had more passes, but that is just passing,\" he added.",
    );
    assert_eq!(statement(&doc, "The first match").0, "Lena Varga");
    let (speaker, cue, _) = statement(&doc, "We will enter");
    assert_eq!(cue, "said");
    assert!(speaker.contains("head coach"), "{speaker}");
    assert_eq!(statement(&doc, "We had more passes").0, "Arne Holt");
    assert!(doc
        .entities
        .iter()
        .any(|e| e.name == "Kestrel FC" && e.etype == claimgraph_doc::EntityType::Org));
}

#[test]
fn taiwan_copy_brands_passive_quotes_and_it_added() {
    let doc = analyze(
        "Chen branded the party's claims as baseless rumors. Wang was quoted by the Sydney Morning Herald as \
         saying that the firm was a key agency in his operations. Security agencies are watching the situation, \
         the Presidential Office said. Further comment is not possible at this time, it added. We will brand \
         him with a hot iron, he said.",
    );
    assert_eq!(
        statement(&doc, "the party's claims"),
        ("Chen".into(), "branded".into(), Stance::Deny)
    );
    let (speaker, relay) = relay_of(&doc, "the firm");
    assert_eq!(speaker, "Wang");
    assert_eq!(relay.map(|r| r.0), Some("Sydney Morning Herald".into()));
    assert_eq!(statement(&doc, "Further comment").0, "Presidential Office");
    assert!(doc
        .statements
        .iter()
        .all(|s| !doc.slice(s.content).starts_with("him with")));
}

#[test]
fn a_place_named_by_a_preposition_is_no_relative_clauses_speaker() {
    let doc = analyze(
        "The group said the claims of the army regarding the school located in eastern Gaza City, which claimed \
         that the dead were fighters, are false.",
    );
    assert!(doc.statements.iter().all(|s| s.speaker != "Gaza City"));
}

#[test]
fn according_to_an_outlet_around_a_statement_is_its_relay() {
    let doc = analyze(
        "According to the Vostok news agency, Interior Minister Lena Sorvik said the border would stay closed. \
         Defence Minister Pavel Brandt denied that troops had crossed the river, according to Reuters. \
         Brandt said the talks would resume on Monday, according to a report from Zeta state media. \
         According to the Vostok news agency, the bridge was destroyed on Sunday. \
         According to the report, officials said the road was closed.",
    );
    let relay = |who: &str, cue: &str| Some((who.to_string(), cue.to_string()));
    assert_eq!(
        relay_of(&doc, "the border would"),
        ("Lena Sorvik".into(), relay("Vostok", "According to"))
    );
    // (the outlet's statement around the minister's says nothing of its own)
    assert!(!doc
        .statements
        .iter()
        .any(|s| doc.slice(s.content).starts_with("Interior Minister")));
    assert_eq!(
        relay_of(&doc, "troops had crossed"),
        ("Pavel Brandt".into(), relay("Reuters", "according to"))
    );
    assert_eq!(
        relay_of(&doc, "the talks would").1.map(|r| r.1),
        Some("according to".into())
    );
    // An outlet vouching for a fact of its own still speaks; a report is
    // no relay.
    assert_eq!(statement(&doc, "the bridge was").0, "Vostok");
    assert_eq!(relay_of(&doc, "the road was").1, None);
}

#[test]
fn days_possessive_bodies_demands_and_issued_statements() {
    let doc = analyze(
        "Defence Minister Otto Vanek Friday denied his office was bugged. Meanwhile, the Ruritanian People's \
         Party Friday dubbed the reports a \"serious\" matter and demanded that Prime Minister Karl Weiss clarify \
         the issue. The Prime Minister's Office (PMO) dismissed the report as \"untrue.\" The Ministry of Home \
         Affairs (MHA) issued a statement on Monday. \"The matter has been verified,\" the statement read.",
    );
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    // (a bare day after a name is the sentence's time)
    assert!(names.contains(&"Otto Vanek"), "{names:?}");
    // (a body named after its people or its office holder)
    assert!(names.contains(&"Ruritanian People's Party"), "{names:?}");
    assert!(names.contains(&"Prime Minister's Office"), "{names:?}");
    assert_eq!(statement(&doc, "his office").0, "Otto Vanek");
    assert_eq!(
        statement(&doc, "Prime Minister Karl Weiss").0,
        "Ruritanian People's Party"
    );
    // (what a demand asks for is not said by whom it asks)
    assert!(!doc.statements.iter().any(|s| doc.slice(s.content) == "the issue"));
    assert_eq!(statement(&doc, "the report as").0, "Prime Minister's Office");
    // (a statement's words are its issuer's)
    assert_eq!(statement(&doc, "The matter has").0, "Ministry of Home Affairs");
}

#[test]
fn it_after_a_long_quotation_is_the_body_that_issued_it() {
    let doc = analyze(
        "The Prime Minister's Office, in a statement, dismissed the report as \"untrue.\"\n\n\"The attention of \
         the office has been drawn to a story published today. The allegation that the Prime Minister talked to \
         the Chairperson of the Alliance is completely untrue. This is a mischievous report. It is hoped that \
         other outlets do not repeat it,\" it said.",
    );
    assert_eq!(statement(&doc, "The attention of").0, "Prime Minister's Office");
}

#[test]
fn dates_channels_and_unnamed_descriptions_around_speakers() {
    let doc = analyze(
        "Vanek on March 11 and 12 alleged through several media that the leaders had been paid. Officials from \
         the ruling party on Thursday rejected accusations that they had received funds. Ruritania denied the \
         allegations in a statement issued by its embassy in Paris. The government spokesperson, Otto Brandt, \
         who denied these allegations on his official Twitter account on Sunday, September 17, 2023, said that \
         the reports were fake.",
    );
    assert_eq!(statement(&doc, "the leaders had").0, "Vanek");
    assert_eq!(
        statement(&doc, "they had received"),
        (
            "Officials from the ruling party".into(),
            "rejected".into(),
            Stance::Deny
        )
    );
    // (the channel of a denial is no part of what is denied)
    assert_eq!(content_starting(&doc, "the allegations"), "the allegations");
    assert_eq!(content_starting(&doc, "these allegations"), "these allegations");
    // (a date's own commas inside the relative clause)
    assert_eq!(statement(&doc, "the reports were").0, "Otto Brandt");

    let doc = analyze(
        "The Zetan Front has published what it says is a secret plan, the Tribune reported. The Zetan Front \
         has threatened to target the meeting. \"We have acquired the plans,\" the militant group said in a \
         statement.\n\nA senior official at the Central Bank made the accusation in an interview, the cable \
         said. The treasurer of the party, Regis Halm, said the party was not concerned. \"The officials used \
         the proceeds,\" the unnamed bank official was quoted as saying. Asked who received the funds, the \
         bank official said: \"Both sides.\"",
    );
    // (the group named since the outlet spoke)
    assert_eq!(statement(&doc, "We have acquired").0, "Zetan Front");
    // (a source the text leaves unnamed is no person named before)
    let (who, _, _) = statement(&doc, "The officials used");
    assert_eq!(who, "unnamed bank official");
    assert_eq!(statement(&doc, "Both sides").0, "unnamed bank official");
}

#[test]
fn business_copy_calls_channels_and_fronted_clauses() {
    let doc = analyze(
        "Keller has denied it plans to sell its network business to Borlo. \"Keller has nothing to announce,\" \
         the company said.\n\nBut the reports are \"not accurate at all,\" a source familiar with the matter \
         told the Herald. The Courier reported Thursday morning that Halvex was one of the potential buyers. \
         Keller chief executive Joe Tamm said in its latest earnings call that he would meet the investors. \
         Some conservative commentators claim the deal is rigged.\n\nAlthough the Courier is not the \
         best-known source, analyst Steve Marlo wrote in a note that the tabloid had been accurate. He also \
         wrote, \"We increasingly believe something is up,\" according to the Ledger.",
    );
    // (a one-word name its own verb takes up as "it" is an organisation's,
    // and "the company" is that one, not the last company named)
    let zentix = doc.entities.iter().find(|e| e.name == "Keller").expect("Keller");
    assert_eq!(zentix.etype, claimgraph_doc::EntityType::Org);
    assert_eq!(statement(&doc, "Keller has nothing").0, "Keller");
    // (the narrator's "But" is not the source's; a claim "not accurate" is denied)
    assert_eq!(
        statement(&doc, "the reports are"),
        ("source familiar with the matter".into(), "told".into(), Stance::Deny)
    );
    assert_eq!(
        content_starting(&doc, "Halvex"),
        "Halvex was one of the potential buyers"
    );
    // ("call" in "its latest earnings call" is a noun)
    assert_eq!(statement(&doc, "he would meet").0, "Joe Tamm");
    assert_eq!(
        statement(&doc, "the deal is rigged").0,
        "some conservative commentators"
    );
    // (the main clause after a fronted subordinate one opens its sentence;
    // the quotation ends before the channel that relays it)
    assert_eq!(
        relay_of(&doc, "We increasingly"),
        ("Steve Marlo".into(), Some(("Ledger".into(), "according to".into())))
    );
    assert_eq!(
        content_starting(&doc, "We increasingly"),
        "We increasingly believe something is up,"
    );
}

#[test]
fn reports_called_fake_news_and_earlier_reports() {
    let doc = analyze(
        "Reports that the minister had been hospitalized are \"top-level fake news,\" spokeswoman Maria Vance \
         said. \"This, of course, is the height of fakery,\" Vance added. The Tribune reported earlier, citing \
         an unidentified diplomat, that the president had asked the minister to wait.",
    );
    // (the reports are the spokeswoman's subject: her statement holds
    // theirs, and each is found)
    assert_eq!(
        statement(&doc, "Reports that the minister"),
        ("Maria Vance".into(), "said".into(), Stance::Deny)
    );
    assert_eq!(
        statement(&doc, "the minister had been"),
        ("unnamed sources".into(), "Reports".into(), Stance::Assert)
    );
    assert_eq!(
        content_starting(&doc, "the minister had been"),
        "the minister had been hospitalized"
    );
    assert_eq!(statement(&doc, "This, of course").2, Stance::Deny);
    assert_eq!(
        relay_of(&doc, "the president had"),
        (
            "unidentified diplomat".into(),
            Some(("Tribune".into(), "citing".into()))
        )
    );
}

#[test]
fn people_of_places_posts_and_coordinated_claims() {
    let doc = analyze(
        "Senator Anna Holm of Ruritania said that the count was rigged. Yet a social media post falsely asserts \
         that the count was fair. A popular Zetagram post falsely claims \"over 1,100 people died from the shot\" \
         in 2018, and suggests that the shot gave some children measles.",
    );
    // (the person before "of", not the place after it)
    assert_eq!(statement(&doc, "the count was rigged").0, "Anna Holm");
    let (who, _, _) = statement(&doc, "the count was fair");
    assert_eq!(who, "social media post");
    let post = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("the count was fair"))
        .unwrap();
    assert_eq!(post.speaker_type, claimgraph_doc::SpeakerType::Media);
    // (the coordinated verb's subject is the post's, not a word inside its
    // quotation)
    assert_eq!(statement(&doc, "the shot gave").0, statement(&doc, "over 1,100").0,);
}

#[test]
fn press_conference_transcripts_give_the_answers_to_who_held_them() {
    let doc = analyze_text(
        "Foreign Ministry Spokesperson Lin Varo's Regular Press Conference\n\nForeign Ministry Spokesperson Lin \
         Varo held a press conference on September 6, 2013.\n\nQ: The Borduria Times reported that the border \
         was closed. What is your comment?\n\nA: The report is groundless. We hope the relevant parties will \
         stay calm.\n\nWe follow the developments closely.\n\nQ: Will the minister visit?\n\nA: I have no \
         information to offer.\n",
    );
    let answer = doc
        .statements
        .iter()
        .find(|s| doc.slice(s.content).starts_with("The report is groundless"))
        .expect("the first answer");
    assert_eq!(answer.speaker, "Lin Varo");
    assert_eq!(answer.kind, claimgraph_doc::StatementKind::Direct);
    assert_eq!(answer.stance, Stance::Deny);
    // (a paragraph with no label goes on with the answer; the next
    // question ends it)
    assert!(doc
        .slice(answer.content)
        .ends_with("We follow the developments closely."));
    assert_eq!(statement(&doc, "I have no information").0, "Lin Varo");
    // (the question's own statement stays the paper's)
    assert_eq!(statement(&doc, "the border was closed").0, "Borduria Times");

    // Named speakers: a journalist's outlet labels the question.
    let doc = analyze_text(
        "Regular Press Conference\n\nForeign Ministry Spokesperson Mao Ning presided over the briefing.\n\n\
         Bloomberg: Are the two countries negotiating a new facility?\n\nMao Ning: I'm not aware of what you \
         mentioned.\n\nReuters: Will the minister visit?\n\nMao Ning: I suggest you ask the commerce ministry.\n",
    );
    assert_eq!(
        content_starting(&doc, "I'm not aware"),
        "I'm not aware of what you mentioned."
    );
    assert_eq!(statement(&doc, "I suggest you").0, "Mao Ning");
    // ("I" inside her words is she)
    assert_eq!(statement(&doc, "you ask the commerce").0, "Mao Ning");

    // A fact-checker's own questions and answers are its own voice.
    let doc = analyze_text(
        "Debunking a False Claim\n\nQ: Has the agency announced that the shots cause harm?\n\nA: No. There is \
         no evidence that the shots cause harm.\n",
    );
    assert!(!doc.statements.iter().any(|s| doc.slice(s.content).starts_with("No.")));
}

#[test]
fn a_while_clause_inside_the_subject_stays_in_the_content() {
    let doc = analyze(
        "Foreign Minister Koichi Tanaka said that Japan, while not changing its position, would seek to calm \
         the situation. The minister said the talks failed, while the opposition said they never began.",
    );
    assert_eq!(
        content_starting(&doc, "Japan"),
        "Japan, while not changing its position, would seek to calm the situation"
    );
    // (a "while" clause with a source of its own still ends a content)
    assert_eq!(content_starting(&doc, "the talks failed"), "the talks failed");
}

#[test]
fn inverted_names_time_adjuncts_and_coordinated_verbs() {
    let doc = analyze(
        "Since the outbreak, Ruritania has been fulfilling its duties, as well as honoring its obligations, said \
         Kong Varo, head of the School of Law. The Borduria intelligence community last week concluded that \
         the virus was not man-made. Ruritania on Thursday called Bordurian allegations groundless and urged \
         Borduria to stop its campaign.",
    );
    // (a person named right after the cue speaks, not a noun the left
    // scan met past a parenthetical)
    assert_eq!(statement(&doc, "Since the outbreak").0, "Kong Varo");
    let (who, _, _) = statement(&doc, "the virus was");
    assert_eq!(who, "Borduria intelligence community");
    // (the labelled noun phrase ends before the source's next verb)
    assert_eq!(
        content_starting(&doc, "Bordurian allegations"),
        "Bordurian allegations groundless"
    );
}

#[test]
fn termed_and_slammed_label_a_claim() {
    let doc = analyze(
        "The Ministry of External Affairs termed the charges \"baseless\". The ministry slammed the report as \
         \"utter nonsense\". He used the term \"genocide\" to describe the killings.",
    );
    assert_eq!(
        statement(&doc, "the charges"),
        ("Ministry of External Affairs".into(), "termed".into(), Stance::Deny)
    );
    assert_eq!(statement(&doc, "the report as").2, Stance::Deny);
    // (the noun "term" is no cue)
    assert!(!doc.statements.iter().any(|s| doc.slice(s.content).contains("genocide")));
}

#[test]
fn front_line_copy_roles_lists_and_apposed_rebuttals() {
    let doc = analyze(
        "The chief of Ruritania's general staff told the president on Thursday that the forces had taken the \
         city. There was no immediate comment from Ruritania's Defense Ministry and a local Bordurian official \
         denied the claim. The minister backtracked on an announcement after troops on the ground said fighting \
         was ongoing. On television on Friday, a spokesman for a brigade fighting in the area said the village \
         was destroyed. The Ruritanian army said it has liberated the village, but Pavel Orlov, head of \
         communications for the Bordurian ground forces, said: \"This does not correspond to reality.\"",
    );
    assert_eq!(
        statement(&doc, "the forces had").0,
        "chief of Ruritania's general staff"
    );
    // (a list after "from" ends at its "and")
    let (who, _, stance) = statement(&doc, "the claim");
    assert_eq!((who.as_str(), stance), ("local Bordurian official", Stance::Deny));
    assert_eq!(statement(&doc, "fighting was ongoing").0, "troops on the ground");
    assert_eq!(
        statement(&doc, "the village was destroyed").0,
        "spokesman for a brigade fighting in the area"
    );
    // (", but NAME, ROLE, said" ends the army's content; the rebuttal denies)
    assert_eq!(
        content_starting(&doc, "it has liberated"),
        "it has liberated the village"
    );
    assert_eq!(statement(&doc, "This does not").2, Stance::Deny);
}
