//! Evaluation records (評価記録): new, periodic, re-evaluation after a serious nonconformity, change. Each answer keeps
//! the question as it was asked; the result, evaluator and approver make it complete; approval freezes it (a
//! correction is a new evaluation) and sets the next due date from the supplier's criticality.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::supplier::lists::{Checklists, SupplierLists};

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EvaluationKind {
    /// 新規評価: before use.
    New,
    /// 継続評価: periodic.
    Periodic,
    /// 再評価: after a serious nonconformity.
    #[strum(
        to_string = "re_evaluation",
        serialize = "re-evaluation",
        serialize = "reevaluation"
    )]
    ReEvaluation,
    /// 変更評価: the supplier's service changed.
    Change,
}

/// An answer to one checklist item.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AnswerValue {
    /// 適合
    #[strum(
        to_string = "conform",
        serialize = "conforming",
        serialize = "適合",
        serialize = "yes"
    )]
    Conform,
    /// 不適合
    #[strum(
        to_string = "nonconform",
        serialize = "nonconforming",
        serialize = "不適合",
        serialize = "no"
    )]
    Nonconform,
    /// 該当なし
    #[strum(
        to_string = "na",
        serialize = "not_applicable",
        serialize = "n/a",
        serialize = "該当なし"
    )]
    Na,
}

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EvaluationResult {
    /// 適
    #[strum(to_string = "pass", serialize = "適")]
    Pass,
    /// 条件付き適
    #[strum(to_string = "conditional", serialize = "条件付き適")]
    Conditional,
    /// 不適
    #[strum(to_string = "fail", serialize = "不適")]
    Fail,
}

/// One checklist item as asked and answered.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationAnswer {
    pub item: String,
    pub question_ja: String,
    pub question_en: String,
    #[serde(default)]
    pub applies_to: String,
    pub answer: Option<AnswerValue>,
    #[serde(default)]
    pub note: String,
    /// Where the evidence is (a document reference), besides any attached file.
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub attachment: Option<i64>,
}

/// An evaluation record.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub id: i64,
    pub supplier_id: String,
    pub kind: EvaluationKind,
    pub evaluated_on: NaiveDate,
    pub answers: Vec<EvaluationAnswer>,
    pub result: Option<EvaluationResult>,
    pub conditions: String,
    pub evaluator: String,
    pub approver: String,
    /// When it was approved (and frozen); `None` while a draft.
    pub approved_at: Option<String>,
    pub next_due: Option<NaiveDate>,
    /// The incident or nonconformity a re-evaluation follows.
    pub related_incident: String,
    pub notes: String,
}

/// What the register lists about a supplier's latest approved evaluation.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationSummary {
    pub id: i64,
    pub kind: EvaluationKind,
    pub evaluated_on: NaiveDate,
    pub result: Option<EvaluationResult>,
    pub next_due: Option<NaiveDate>,
}

/// An answer given for one item.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
#[ts(optional_fields)]
pub struct GivenAnswer {
    pub item: String,
    pub answer: Option<AnswerValue>,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub attachment: Option<i64>,
}

/// An evaluation as entered (CLI or the app's wizard): a draft, or — with an approver — approved at once.
#[derive(ts_rs::TS, Debug, Clone, Deserialize)]
#[ts(optional_fields)]
pub struct EvaluationInput {
    pub kind: EvaluationKind,
    /// Defaults to today.
    pub evaluated_on: Option<NaiveDate>,
    #[serde(default)]
    pub answers: Vec<GivenAnswer>,
    pub result: Option<EvaluationResult>,
    #[serde(default)]
    pub conditions: String,
    #[serde(default)]
    pub evaluator: String,
    /// Given: the evaluation is approved (and frozen) now.
    pub approver: Option<String>,
    /// Overrides the next due date computed from the criticality.
    pub next_due: Option<NaiveDate>,
    #[serde(default)]
    pub related_incident: String,
    #[serde(default)]
    pub notes: String,
}

impl Evaluation {
    /// A new draft of `kind` for a supplier, with every applicable question of the checklist, unanswered.
    pub fn draft(
        supplier_id: &str,
        kind: EvaluationKind,
        on: NaiveDate,
        checklists: &Checklists,
        cloud: bool,
    ) -> Evaluation {
        Evaluation {
            id: 0,
            supplier_id: supplier_id.to_owned(),
            kind,
            evaluated_on: on,
            answers: checklists
                .items_for(kind.as_ref(), cloud)
                .into_iter()
                .map(|i| EvaluationAnswer {
                    item: i.id.clone(),
                    question_ja: i.ja.clone(),
                    question_en: i.en.clone(),
                    applies_to: i.applies_to.clone(),
                    answer: None,
                    note: String::new(),
                    evidence: String::new(),
                    attachment: None,
                })
                .collect(),
            result: None,
            conditions: String::new(),
            evaluator: String::new(),
            approver: String::new(),
            approved_at: None,
            next_due: None,
            related_incident: String::new(),
            notes: String::new(),
        }
    }

    /// Applies what was entered; an item that is not in this evaluation's checklist is refused, naming the items.
    pub fn apply(&mut self, input: &EvaluationInput) -> Result<()> {
        if let Some(on) = input.evaluated_on {
            self.evaluated_on = on;
        }
        for given in &input.answers {
            let item = given.item.trim();
            let items: Vec<String> = self.answers.iter().map(|a| a.item.clone()).collect();
            let Some(a) = self.answers.iter_mut().find(|a| a.item == item) else {
                return Err(Error::InvalidValue {
                    field: "checklist item",
                    value: item.to_owned(),
                    expected: format!(
                        "an item of this {} checklist: {}",
                        self.kind,
                        items.join(", ")
                    ),
                });
            };
            if given.answer.is_some() {
                a.answer = given.answer;
            }
            if let Some(n) = &given.note {
                a.note = n.trim().to_owned();
            }
            if let Some(e) = &given.evidence {
                a.evidence = e.trim().to_owned();
            }
            if given.attachment.is_some() {
                a.attachment = given.attachment;
            }
        }
        if input.result.is_some() {
            self.result = input.result;
        }
        self.conditions = input.conditions.trim().to_owned();
        if !input.evaluator.trim().is_empty() {
            self.evaluator = input.evaluator.trim().to_owned();
        }
        if !input.related_incident.trim().is_empty() {
            self.related_incident = input.related_incident.trim().to_owned();
        }
        if !input.notes.trim().is_empty() {
            self.notes = input.notes.trim().to_owned();
        }
        Ok(())
    }

    /// Approves it: every item answered, a result, an evaluator and an approver; conditions stated for a conditional
    /// pass; the next due date computed (or the one given, which must come after the evaluation).
    pub fn approve(
        &mut self,
        approver: &str,
        next_due: Option<NaiveDate>,
        lists: &SupplierLists,
        criticality: &str,
        now: &str,
    ) -> Result<()> {
        let approver = approver.trim();
        if self.evaluator.is_empty() {
            return Err(Error::MissingValue {
                field: "the evaluator (--evaluator), before approving",
            });
        }
        if approver.is_empty() {
            return Err(Error::MissingValue {
                field: "the approver (--approver)",
            });
        }
        let open: Vec<&str> = self
            .answers
            .iter()
            .filter(|a| a.answer.is_none())
            .map(|a| a.item.as_str())
            .collect();
        if !open.is_empty() {
            return Err(Error::InvalidValue {
                field: "evaluation",
                value: format!("{} unanswered", open.len()),
                expected: format!(
                    "an answer to every item before approval: {}",
                    open.join(", ")
                ),
            });
        }
        let Some(result) = self.result else {
            return Err(Error::MissingValue {
                field: "the result (--result pass|conditional|fail)",
            });
        };
        if result == EvaluationResult::Conditional && self.conditions.is_empty() {
            return Err(Error::MissingValue {
                field: "the conditions of a conditional pass (--conditions)",
            });
        }
        let due = match next_due {
            Some(d) if d <= self.evaluated_on => {
                return Err(Error::InvalidValue {
                    field: "next due date",
                    value: d.to_string(),
                    expected: format!("a date after the evaluation ({})", self.evaluated_on),
                })
            }
            Some(d) => d,
            None => self
                .evaluated_on
                .checked_add_months(Months::new(lists.interval_months(criticality)))
                .unwrap_or(self.evaluated_on),
        };
        self.approver = approver.to_owned();
        self.approved_at = Some(now.to_owned());
        self.next_due = Some(due);
        Ok(())
    }

    pub fn summary(&self) -> EvaluationSummary {
        EvaluationSummary {
            id: self.id,
            kind: self.kind,
            evaluated_on: self.evaluated_on,
            result: self.result,
            next_due: self.next_due,
        }
    }

    /// The supplier status an approved evaluation leads to: pass → approved, conditional → conditional, fail →
    /// suspended.
    pub fn status_after(&self) -> Option<&'static str> {
        match self.result? {
            EvaluationResult::Pass => Some("approved"),
            EvaluationResult::Conditional => Some("conditional"),
            EvaluationResult::Fail => Some("suspended"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_evaluation_is_approved_only_when_complete_and_gets_its_next_due_date() {
        let checklists = Checklists::defaults().unwrap();
        let lists = SupplierLists::defaults().unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let mut e = Evaluation::draft("SUP-0001", EvaluationKind::New, on, &checklists, true);
        assert!(e.answers.iter().any(|a| a.applies_to == "cloud"));
        let wrong = EvaluationInput {
            kind: EvaluationKind::New,
            evaluated_on: None,
            answers: vec![GivenAnswer {
                item: "no_such_item".into(),
                answer: Some(AnswerValue::Conform),
                ..Default::default()
            }],
            result: None,
            conditions: String::new(),
            evaluator: String::new(),
            approver: None,
            next_due: None,
            related_incident: String::new(),
            notes: String::new(),
        };
        assert!(e
            .apply(&wrong)
            .unwrap_err()
            .to_string()
            .contains("security_interview"));
        let all = EvaluationInput {
            answers: e
                .answers
                .iter()
                .map(|a| GivenAnswer {
                    item: a.item.clone(),
                    answer: Some(AnswerValue::Conform),
                    ..Default::default()
                })
                .collect(),
            result: Some(EvaluationResult::Pass),
            evaluator: "佐藤".into(),
            ..wrong.clone()
        };
        assert!(
            e.approve("山田", None, &lists, "high", "now").is_err(),
            "unanswered"
        );
        e.apply(&all).unwrap();
        assert!(
            e.approve("山田", Some(on), &lists, "high", "now").is_err(),
            "due before"
        );
        e.approve("山田", None, &lists, "high", "now").unwrap();
        assert_eq!(e.next_due, NaiveDate::from_ymd_opt(2027, 4, 1));
        assert_eq!(
            "re-evaluation".parse::<EvaluationKind>().unwrap(),
            EvaluationKind::ReEvaluation
        );
        assert_eq!("適合".parse::<AnswerValue>().unwrap(), AnswerValue::Conform);
        assert_eq!(EvaluationKind::ReEvaluation.as_ref(), "re_evaluation");
        assert_eq!(EvaluationResult::Pass.as_ref(), "pass");
        assert_eq!(AnswerValue::Na.as_ref(), "na");
    }
}
