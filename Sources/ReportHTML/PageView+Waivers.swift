/// The waivers section (docs/waivers.md): what was waived, expired waivers and what they
/// matched, waivers expiring soon, stale waivers. `PageView.waivers` has one only with a
/// waiver file.
struct WaiversView {
    /// `12 of 16 failed or timed-out host outcomes and 3 of 7 failed runs waived; …`.
    var overview: String
    var hasWaived: Bool
    var waived: [WaiverHitRow]
    var waivedMore: [MoreView]
    var hasExpired: Bool
    var expired: [WaiverHitRow]
    var expiredMore: [MoreView]
    var hasExpiringSoon: Bool
    var expiringSoon: [WaiverRow]
    var hasStale: Bool
    var stale: [WaiverRow]
}

/// A failure a waiver matched, with the waiver's owner, ticket and last day.
struct WaiverHitRow {
    var waiver: String
    var owner: String
    var ticket: String
    var expires: String
    var cluster: String
    var vcenter: String
    var host: String
    var start: String
    var outcome: String
    var reasonID: String
}

/// One waiver of the file.
struct WaiverRow {
    var waiver: String
    var match: String
    var owner: String
    var ticket: String
    var expires: String
    var daysLeft: String
    var waived: String
}

extension WaiversView: TemplateFields {
    static let fields: [String: PartialKeyPath<WaiversView> & Sendable] = [
        "overview": \.overview,
        "hasWaived": \.hasWaived,
        "waived": \.waived,
        "waivedMore": \.waivedMore,
        "hasExpired": \.hasExpired,
        "expired": \.expired,
        "expiredMore": \.expiredMore,
        "hasExpiringSoon": \.hasExpiringSoon,
        "expiringSoon": \.expiringSoon,
        "hasStale": \.hasStale,
        "stale": \.stale
    ]
}

extension WaiverHitRow: TemplateFields {
    static let fields: [String: PartialKeyPath<WaiverHitRow> & Sendable] = [
        "waiver": \.waiver,
        "owner": \.owner,
        "ticket": \.ticket,
        "expires": \.expires,
        "cluster": \.cluster,
        "vcenter": \.vcenter,
        "host": \.host,
        "start": \.start,
        "outcome": \.outcome,
        "reasonID": \.reasonID
    ]
}

extension WaiverRow: TemplateFields {
    static let fields: [String: PartialKeyPath<WaiverRow> & Sendable] = [
        "waiver": \.waiver,
        "match": \.match,
        "owner": \.owner,
        "ticket": \.ticket,
        "expires": \.expires,
        "daysLeft": \.daysLeft,
        "waived": \.waived
    ]
}
