import ReportText
import StageAggregation

extension ChatDigest {
    /// What changed since the previous night (docs/changes.md), first of the lists: the commit
    /// regressions, then the hosts and clusters that changed, new failures first; none when the
    /// summary does not say what changed, or nothing did.
    static func changes(_ s: Summary) -> ChatList? {
        guard let c = s.changes else { return nil }
        var lines: [ChatLine] = c.commitRegressions.map { r in
            let now = ReportFormatting.rate(r.succeeded, of: r.finished, interval: r.interval)
            let before = ReportFormatting.rate(
                r.previousSucceeded, of: r.previousFinished, interval: r.previousInterval)
            return ChatLine([
                .text("📉 commit "), .data(ChatText.data(r.commit, limit: 40)), .text(" of "),
                .data(named(r.name, id: r.cluster)), .text(" — \(now) after \(before) on commit "),
                .data(ChatText.data(r.previousCommit, limit: 40))
            ])
        }
        lines += c.clusterChanges.filter { $0.kind == .newFailure }.map { cl in
            var pieces: [ChatPiece] = [
                .text("🆕 cluster "), .data(named(cl.name, id: cl.id)), .text(" · "),
                .data(ChatText.data(cl.vcenter, limit: 60)),
                .text(cl.failedOutright ? " — failed outright" : " — newly failing")
            ]
            if let reason = cl.reason { pieces += [.text(": "), .data(ChatText.data(reason, limit: 100))] }
            return ChatLine(pieces)
        }
        lines += c.hosts.filter { $0.kind != .new && $0.kind != .gone }.map { h in
            var pieces: [ChatPiece] = [
                .text(h.kind == .newFailure ? "🆕 " : h.kind == .fixed ? "✅ " : ""),
                .data(named(h.name, id: h.key.host)), .text(" · "),
                .data(ChatText.data(h.key.vcenter, limit: 60) + " / " + ChatText.data(h.key.cluster, limit: 60)),
                .text(" — \(h.kind.label)")
            ]
            if let window = h.regression {
                pieces += [.text(": "), .data(ChatText.data(window.label(host: true), limit: 150))]
            }
            return ChatLine(pieces)
        }
        guard !lines.isEmpty else { return nil }
        let counts =
            "\(ReportFormatting.count(c.newFailures(includingWaived: true), "new failure")), "
            + "\(ReportFormatting.count(c.hostCount(.stillFailing))) still failing, "
            + "\(ReportFormatting.count(c.hostCount(.fixed))) fixed"
        return ChatList(
            title: "What changed since the previous night (\(counts))", lines: Array(lines.prefix(linesPerList)),
            total: lines.count)
    }
}
