internal import Mustache

/// A view that answers the template's lookups from a table of its stored properties.
///
/// swift-mustache otherwise reflects on the value (`Mirror`) for every lookup, which took most
/// of the HTML renderer's time. The tables must name every stored
/// property under its own name; `TemplateFieldsTests` checks each view against `Mirror`, so a
/// property missing from its table fails a test instead of rendering as nothing.
protocol TemplateFields: MustacheParent {
    static var fields: [String: PartialKeyPath<Self> & Sendable] { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        Self.fields[name].map { self[keyPath: $0] }
    }
}

extension PageView: TemplateFields {
    static let fields: [String: PartialKeyPath<PageView> & Sendable] = [
        "title": \.title,
        "generatedAt": \.generatedAt,
        "csp": \.csp,
        "script": \.script,
        "topN": \.topN,
        "verdict": \.verdict,
        "figures": \.figures,
        "window": \.window,
        "inputs": \.inputs,
        "legend": \.legend,
        "trend": \.trend,
        "clusters": \.clusters,
        "commits": \.commits,
        "failureReasons": \.failureReasons,
        "skipReasons": \.skipReasons,
        "durations": \.durations,
        "flaky": \.flaky,
        "failing": \.failing,
        "grid": \.grid,
        "quality": \.quality,
        "gates": \.gates,
        "runs": \.runs,
        "waivers": \.waivers,
        "changes": \.changes
    ]
}

extension VerdictView: TemplateFields {
    static let fields: [String: PartialKeyPath<VerdictView> & Sendable] = [
        "level": \.level,
        "label": \.label,
        "headline": \.headline,
        "details": \.details
    ]
}

extension FigureView: TemplateFields {
    static let fields: [String: PartialKeyPath<FigureView> & Sendable] = [
        "key": \.key,
        "label": \.label,
        "value": \.value,
        "note": \.note,
        "level": \.level
    ]
}

extension WindowView: TemplateFields {
    static let fields: [String: PartialKeyPath<WindowView> & Sendable] = [
        "first": \.first, "last": \.last, "nights": \.nights
    ]
}

extension LegendItem: TemplateFields {
    static let fields: [String: PartialKeyPath<LegendItem> & Sendable] = ["cls": \.cls, "label": \.label]
}

extension TrendView: TemplateFields {
    static let fields: [String: PartialKeyPath<TrendView> & Sendable] = [
        "hasDays": \.hasDays,
        "svg": \.svg,
        "rows": \.rows,
        "more": \.more
    ]
}

extension DayRow: TemplateFields {
    static let fields: [String: PartialKeyPath<DayRow> & Sendable] = [
        "date": \.date,
        "runs": \.runs,
        "outcomes": \.outcomes,
        "rate": \.rate,
        "rateValue": \.rateValue
    ]
}

extension OutcomeCells: TemplateFields {
    static let fields: [String: PartialKeyPath<OutcomeCells> & Sendable] = [
        "succeeded": \.succeeded,
        "failed": \.failed,
        "timedOut": \.timedOut,
        "skipped": \.skipped,
        "inProgress": \.inProgress,
        "unknown": \.unknown,
        "failedValue": \.failedValue,
        "timedOutValue": \.timedOutValue
    ]
}

extension ClusterTable: TemplateFields {
    static let fields: [String: PartialKeyPath<ClusterTable> & Sendable] = [
        "caption": \.caption, "rows": \.rows, "more": \.more
    ]
}

extension ClusterRow: TemplateFields {
    static let fields: [String: PartialKeyPath<ClusterRow> & Sendable] = [
        "name": \.name,
        "id": \.id,
        "showID": \.showID,
        "vcenter": \.vcenter,
        "rate": \.rate,
        "rateValue": \.rateValue,
        "rateWidth": \.rateWidth,
        "hasRate": \.hasRate,
        "runs": \.runs,
        "hosts": \.hosts,
        "outcomes": \.outcomes,
        "latestStart": \.latestStart,
        "latestCommit": \.latestCommit,
        "latestTask": \.latestTask,
        "latestRate": \.latestRate
    ]
}

extension CommitTable: TemplateFields {
    static let fields: [String: PartialKeyPath<CommitTable> & Sendable] = [
        "caption": \.caption, "rows": \.rows, "more": \.more
    ]
}

extension CommitRow: TemplateFields {
    static let fields: [String: PartialKeyPath<CommitRow> & Sendable] = [
        "cluster": \.cluster,
        "clusterID": \.clusterID,
        "showID": \.showID,
        "vcenter": \.vcenter,
        "commit": \.commit,
        "runs": \.runs,
        "outcomes": \.outcomes,
        "rate": \.rate,
        "rateValue": \.rateValue,
        "rateWidth": \.rateWidth,
        "hasRate": \.hasRate
    ]
}

extension ReasonTable: TemplateFields {
    static let fields: [String: PartialKeyPath<ReasonTable> & Sendable] = [
        "kind": \.kind,
        "overview": \.overview,
        "rows": \.rows,
        "more": \.more
    ]
}

extension ReasonRow: TemplateFields {
    static let fields: [String: PartialKeyPath<ReasonRow> & Sendable] = [
        "rank": \.rank,
        "reasonID": \.reasonID,
        "count": \.count,
        "countValue": \.countValue,
        "share": \.share,
        "shareWidth": \.shareWidth,
        "cumulative": \.cumulative,
        "hosts": \.hosts,
        "spread": \.spread,
        "message": \.message,
        "resolution": \.resolution
    ]
}

extension DurationsView: TemplateFields {
    static let fields: [String: PartialKeyPath<DurationsView> & Sendable] = [
        "hasDurations": \.hasDurations,
        "svg": \.svg,
        "buckets": \.buckets,
        "stats": \.stats,
        "clusters": \.clusters,
        "more": \.more
    ]
}

extension BucketRow: TemplateFields {
    static let fields: [String: PartialKeyPath<BucketRow> & Sendable] = [
        "label": \.label,
        "total": \.total,
        "succeeded": \.succeeded,
        "failed": \.failed,
        "timedOut": \.timedOut
    ]
}

extension DurationRow: TemplateFields {
    static let fields: [String: PartialKeyPath<DurationRow> & Sendable] = [
        "label": \.label,
        "sublabel": \.sublabel,
        "count": \.count,
        "min": \.min,
        "mean": \.mean,
        "p50": \.p50,
        "p90": \.p90,
        "p95": \.p95,
        "p99": \.p99,
        "max": \.max,
        "p50Value": \.p50Value,
        "p95Value": \.p95Value,
        "maxValue": \.maxValue
    ]
}

extension FlakyTable: TemplateFields {
    static let fields: [String: PartialKeyPath<FlakyTable> & Sendable] = [
        "caption": \.caption, "rows": \.rows, "more": \.more
    ]
}

extension FlakyRow: TemplateFields {
    static let fields: [String: PartialKeyPath<FlakyRow> & Sendable] = [
        "host": \.host,
        "outcomes": \.outcomes,
        "succeeded": \.succeeded,
        "failed": \.failed,
        "failedShare": \.failedShare,
        "failedShareValue": \.failedShareValue
    ]
}

extension FailingTable: TemplateFields {
    static let fields: [String: PartialKeyPath<FailingTable> & Sendable] = [
        "total": \.total,
        "caption": \.caption,
        "rows": \.rows,
        "more": \.more
    ]
}

extension FailingRow: TemplateFields {
    static let fields: [String: PartialKeyPath<FailingRow> & Sendable] = [
        "host": \.host,
        "streak": \.streak,
        "streakValue": \.streakValue,
        "streakMarks": \.streakMarks,
        "outcomeLabel": \.outcomeLabel,
        "outcomeClass": \.outcomeClass,
        "latestStart": \.latestStart,
        "reason": \.reason,
        "reasonMessage": \.reasonMessage
    ]
}

extension HostCell: TemplateFields {
    static let fields: [String: PartialKeyPath<HostCell> & Sendable] = [
        "name": \.name,
        "hostID": \.hostID,
        "showID": \.showID,
        "cluster": \.cluster,
        "vcenter": \.vcenter
    ]
}

extension GridView: TemplateFields {
    static let fields: [String: PartialKeyPath<GridView> & Sendable] = [
        "nights": \.nights,
        "rows": \.rows,
        "more": \.more,
        "earlierNights": \.earlierNights
    ]
}

extension GridNight: TemplateFields {
    static let fields: [String: PartialKeyPath<GridNight> & Sendable] = ["date": \.date, "label": \.label]
}

extension GridRow: TemplateFields {
    static let fields: [String: PartialKeyPath<GridRow> & Sendable] = [
        "host": \.host, "failed": \.failed, "cells": \.cells
    ]
}

extension GridCell: TemplateFields {
    static let fields: [String: PartialKeyPath<GridCell> & Sendable] = ["cls": \.cls, "text": \.text, "title": \.title]
}

extension QualityView: TemplateFields {
    static let fields: [String: PartialKeyPath<QualityView> & Sendable] = [
        "hasNotes": \.hasNotes,
        "notes": \.notes,
        "hasRejected": \.hasRejected,
        "rejectedCaption": \.rejectedCaption,
        "rejected": \.rejected,
        "rejectedMore": \.rejectedMore
    ]
}

extension QualityRow: TemplateFields {
    static let fields: [String: PartialKeyPath<QualityRow> & Sendable] = [
        "kind": \.kind,
        "count": \.count,
        "meaning": \.meaning,
        "examples": \.examples
    ]
}

extension RejectedRow: TemplateFields {
    static let fields: [String: PartialKeyPath<RejectedRow> & Sendable] = ["source": \.source, "reason": \.reason]
}

extension GatesView: TemplateFields {
    static let fields: [String: PartialKeyPath<GatesView> & Sendable] = ["hasGates": \.hasGates, "rows": \.rows]
}

extension GateRow: TemplateFields {
    static let fields: [String: PartialKeyPath<GateRow> & Sendable] = [
        "name": \.name,
        "threshold": \.threshold,
        "measured": \.measured,
        "verdict": \.verdict,
        "cls": \.cls,
        "detail": \.detail
    ]
}

extension MoreView: TemplateFields {
    static let fields: [String: PartialKeyPath<MoreView> & Sendable] = ["count": \.count, "noun": \.noun]
}
