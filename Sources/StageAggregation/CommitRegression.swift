#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A commit whose success rate fell below the previous commit's of the same cluster by more
/// than chance explains (docs/changes.md): a one-sided Fisher exact test on the two commits'
/// succeeded and failed-or-timed-out host outcomes, at a 5 % family-wise level shared by every
/// commit pair of the report (Bonferroni). Fisher's test is exact for the small counts of one
/// cluster's commit, where the normal approximation of a two-proportion z-test is not.
public struct CommitRegression: Sendable, Equatable {
    public var vcenter: String
    public var cluster: String
    public var name: String
    public var commit: String
    public var previousCommit: String
    /// Succeeded, and succeeded + failed + timed out, of each commit.
    public var succeeded: Int
    public var finished: Int
    public var previousSucceeded: Int
    public var previousFinished: Int
    /// The one-sided p-value, and the level it was held to (0.05 / commit pairs tested).
    public var pValue: Double
    public var level: Double

    public var rate: Double { Double(succeeded) / Double(finished) }
    public var previousRate: Double { Double(previousSucceeded) / Double(previousFinished) }
    /// Wilson score intervals at 95 %, shown beside the rates.
    public var interval: ClosedRange<Double> { Self.wilson(succeeded, of: finished) }
    public var previousInterval: ClosedRange<Double> { Self.wilson(previousSucceeded, of: previousFinished) }

    /// The family-wise significance level.
    public static let familyLevel = 0.05

    /// The commit regressions among `commits` (in `Summary.commits` order: by cluster, then
    /// commit order), and the number of pairs tested. `name` gives a cluster's display name.
    public static func find(in commits: [CommitSummary], name: (String, String) -> String) -> (
        regressions: [CommitRegression], comparisons: Int
    ) {
        var pairs: [(previous: CommitSummary, commit: CommitSummary)] = []
        var previous: CommitSummary?
        for c in commits where c.outcomes.successRate != nil {
            if let p = previous, p.vcenter == c.vcenter, p.cluster == c.cluster { pairs.append((p, c)) }
            previous = c
        }
        guard !pairs.isEmpty else { return ([], 0) }
        let level = familyLevel / Double(pairs.count)
        var found: [CommitRegression] = []
        for (p, c) in pairs {
            let (s0, n0) = (p.outcomes.succeeded, p.outcomes.succeeded + p.outcomes.failures)
            let (s1, n1) = (c.outcomes.succeeded, c.outcomes.succeeded + c.outcomes.failures)
            guard s1 * n0 < s0 * n1 else { continue }
            let pValue = fisherLower(
                failuresNow: n1 - s1, finishedNow: n1, failuresTotal: (n0 - s0) + (n1 - s1), n0 + n1)
            guard pValue < level else { continue }
            found.append(
                CommitRegression(
                    vcenter: c.vcenter, cluster: c.cluster, name: name(c.vcenter, c.cluster), commit: c.commit,
                    previousCommit: p.commit, succeeded: s1, finished: n1, previousSucceeded: s0, previousFinished: n0,
                    pValue: pValue, level: level))
        }
        return (found, pairs.count)
    }

    /// P(X ≥ failuresNow) for X hypergeometric: `finishedNow` outcomes drawn from `total`, of
    /// which `failuresTotal` failed. The chance of at least as many failures in the later
    /// commit if both commits had the same rate.
    static func fisherLower(failuresNow: Int, finishedNow: Int, failuresTotal: Int, _ total: Int) -> Double {
        let top = min(failuresTotal, finishedNow)
        guard failuresNow <= top else { return 0 }
        let denominator = logChoose(total, finishedNow)
        var p = 0.0
        for x in failuresNow...top {
            let term = exp(
                logChoose(failuresTotal, x) + logChoose(total - failuresTotal, finishedNow - x) - denominator)
            p += term
            // The terms fall away from the mode; past it, what is left does not change a double.
            if term < p * 1e-17 { break }
        }
        return min(p, 1)
    }

    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return -.infinity }
        return lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }

    /// The Wilson score interval at 95 % of `s` successes in `n`.
    static func wilson(_ s: Int, of n: Int) -> ClosedRange<Double> {
        guard n > 0 else { return 0...1 }
        let z = 1.959963984540054, nd = Double(n), p = Double(s) / nd
        let centre = (p + z * z / (2 * nd)) / (1 + z * z / nd)
        let half = z / (1 + z * z / nd) * (p * (1 - p) / nd + z * z / (4 * nd * nd)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }
}
