//! Publication dates: many written shapes in, `YYYY-MM-DD` (or `YYYY-MM`,
//! `YYYY`) out.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Normalise a date as found in metadata ("2025-06-19T10:00:00Z",
/// "Thu, 19 Jun 2025 10:00:00 GMT", "June 19, 2025", "20250619") to
/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    let s = skip_weekday(s);
    date_prefix(s).map(|(_, d)| d)
}

/// "Thu, " / "Thursday " at the start.
fn skip_weekday(s: &str) -> &str {
    let letters = s.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(s.len());
    if letters >= 3 {
        let w = s[..letters].to_ascii_lowercase();
        if WEEKDAYS.iter().any(|d| w.starts_with(d)) && !MONTHS.iter().any(|m| w.starts_with(m)) {
            return s[letters..].trim_start_matches([',', '.']).trim_start();
        }
    }
    s
}

fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

fn month_from_name(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // Either the abbreviation or a prefix of the full name ("Sept", "June").
    if claimgraph_doc::MONTH_NAMES[i].starts_with(&w) || w == "sept" {
        Some(i as u32 + 1)
    } else {
        None
    }
}

fn valid_year(y: u32) -> bool {
    (1800..=2199).contains(&y)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !valid_year(y) || !(1..=12).contains(&m) || d < 1 || d > DAYS[m as usize - 1] {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The token must end here: end of text or a non-alphanumeric char.
fn ends_token(rest: &str) -> bool {
    !rest.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// Parse a date at the very start of `s`; returns the bytes it took and the
/// normalised date. Only whole tokens count ("2025-06-19" but not
/// "2025-06-195").
pub fn date_prefix(s: &str) -> Option<(usize, String)> {
    let n = digits(s);
    if n == 8 && ends_token(&s[8..]) {
        let y = s[0..4].parse().ok()?;
        let m = s[4..6].parse().ok()?;
        let d = s[6..8].parse().ok()?;
        return ymd(y, m, d).map(|v| (8, v));
    }
    if n == 4 {
        let y: u32 = s[..4].parse().ok()?;
        if !valid_year(y) {
            return None;
        }
        let rest = &s[4..];
        if let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.')) {
            let r = &rest[1..];
            let mn = digits(r);
            if (1..=2).contains(&mn) {
                let m: u32 = r[..mn].parse().ok()?;
                let r2 = &r[mn..];
                if r2.starts_with(sep) {
                    let dn = digits(&r2[1..]);
                    if (1..=2).contains(&dn) {
                        let d: u32 = r2[1..1 + dn].parse().ok()?;
                        let used = 4 + 1 + mn + 1 + dn;
                        // ISO timestamps go on with 'T' ("2025-06-19T10:00").
                        let after = &s[used..];
                        if ends_token(after) || after.starts_with('T') {
                            return ymd(y, m, d).map(|v| (used, v));
                        }
                        return None;
                    }
                }
                if sep == '-' && mn == 2 && ends_token(r2) && !r2.starts_with(sep) && (1..=12).contains(&m) {
                    return Some((4 + 1 + mn, format!("{y:04}-{m:02}")));
                }
            }
            return None;
        }
        if ends_token(rest) {
            return Some((4, format!("{y:04}")));
        }
        return None;
    }
    if (1..=2).contains(&n) {
        // "19 June 2025", "19-Jun-2025", "19th June, 2025"
        let d: u32 = s[..n].parse().ok()?;
        let mut i = n;
        let suffix = s[i..].chars().take_while(|c| c.is_ascii_alphabetic()).count();
        if suffix == 2 && matches!(&s[i..i + 2].to_ascii_lowercase()[..], "st" | "nd" | "rd" | "th") {
            i += 2;
        }
        i += s[i..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '-' | '.' | '\u{a0}'))
            .map(char::len_utf8)
            .sum::<usize>();
        let word = s[i..].chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let m = month_from_name(&s[i..i + word])?;
        i += word;
        i += s[i..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '-' | '.' | ',' | '\u{a0}'))
            .map(char::len_utf8)
            .sum::<usize>();
        let yn = digits(&s[i..]);
        if yn != 4 || !ends_token(&s[i + 4..]) {
            return None;
        }
        let y: u32 = s[i..i + 4].parse().ok()?;
        return ymd(y, m, d).map(|v| (i + 4, v));
    }
    if n == 0 {
        // "June 19, 2025", "Jun. 19 2025"
        let word = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let m = month_from_name(&s[..word])?;
        let mut i = word;
        i += s[i..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '.' | '\u{a0}'))
            .map(char::len_utf8)
            .sum::<usize>();
        let dn = digits(&s[i..]);
        if !(1..=2).contains(&dn) {
            return None;
        }
        let d: u32 = s[i..i + dn].parse().ok()?;
        i += dn;
        let suffix = s[i..].chars().take_while(|c| c.is_ascii_alphabetic()).count();
        if suffix == 2 {
            i += 2;
        }
        i += s[i..]
            .chars()
            .take_while(|c| matches!(c, ' ' | ',' | '\u{a0}'))
            .map(char::len_utf8)
            .sum::<usize>();
        let yn = digits(&s[i..]);
        if yn != 4 || !ends_token(&s[i + 4..]) {
            return None;
        }
        let y: u32 = s[i..i + 4].parse().ok()?;
        return ymd(y, m, d).map(|v| (i + 4, v));
    }
    None
}

/// A date in a URL path: "/2025/09/02/", "/2025-09-02/", "/20250902/".
pub fn from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = match path.find("://") {
        Some(i) => &path[i + 3..],
        None => path,
    };
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segs.iter().enumerate() {
        let is_num =
            |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if is_num(seg, 4..=4) && i + 2 < segs.len() && is_num(segs[i + 1], 1..=2) && is_num(segs[i + 2], 1..=2) {
            let (y, m, d) = (seg.parse().ok()?, segs[i + 1].parse().ok()?, segs[i + 2].parse().ok()?);
            if let Some(v) = ymd(y, m, d) {
                return Some(v);
            }
        }
        if (seg.len() == 10 || seg.len() == 8) && seg.as_bytes()[0].is_ascii_digit() {
            if let Some((n, v)) = date_prefix(seg) {
                if n == seg.len() && v.len() == 10 {
                    return Some(v);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_common_shapes() {
        let n = |s| normalize(s);
        assert_eq!(n("2025-06-19").as_deref(), Some("2025-06-19"));
        assert_eq!(n("2025-06-19T10:00:00+02:00").as_deref(), Some("2025-06-19"));
        assert_eq!(n("2025/6/9").as_deref(), Some("2025-06-09"));
        assert_eq!(n("Thu, 19 Jun 2025 10:00:00 GMT").as_deref(), Some("2025-06-19"));
        assert_eq!(n("19 June 2025").as_deref(), Some("2025-06-19"));
        assert_eq!(n("June 19, 2025").as_deref(), Some("2025-06-19"));
        assert_eq!(n("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(n("20250619").as_deref(), Some("2025-06-19"));
        assert_eq!(n("2025-06").as_deref(), Some("2025-06"));
        assert_eq!(n("2025").as_deref(), Some("2025"));
        assert_eq!(n("Thursday, 3rd July 2025").as_deref(), Some("2025-07-03"));
    }

    #[test]
    fn rejects_nonsense() {
        for s in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-02-30",
            "12345",
            "May be",
            "3000-01-01",
            "2025-06-195",
        ] {
            assert_eq!(normalize(s), None, "{s}");
        }
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            from_url("https://x.test/news/2025/09/02/mayor-denies").as_deref(),
            Some("2025-09-02")
        );
        assert_eq!(
            from_url("https://x.test/2024-05-01/story").as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(from_url("https://x.test/a/20240501/").as_deref(), Some("2024-05-01"));
        assert_eq!(from_url("https://x.test/2025/99/99/x"), None);
        assert_eq!(from_url("https://x.test/story/12345678"), None);
        assert_eq!(from_url("https://2025.test/"), None);
    }

    #[test]
    fn prefix_lengths() {
        assert_eq!(date_prefix("2020-07-17 MOSCOW (AP)"), Some((10, "2020-07-17".into())));
        assert_eq!(date_prefix("19 June 2025\nText"), Some((12, "2025-06-19".into())));
        assert_eq!(date_prefix("2025 was"), Some((4, "2025".into())));
    }
}
