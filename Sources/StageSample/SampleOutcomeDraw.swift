/// Draws what each host of one run does: outcome, reason, timing, optional members.
struct SampleOutcomeDraw {
    /// Something that hits a whole run.
    enum RunEvent {
        case none
        case outage
        case slowNight
    }

    let cluster: SampleCluster
    let night: Int
    let event: RunEvent

    /// `forced` replaces the drawn outcome (the showcase cases of the first vCenter).
    func hostRun(
        index: Int, host: SampleHost, runStart: Int64, forced: (SampleHostState, SampleNoteKind?)?,
        rng: inout SampleRandom
    ) -> SampleHostRun {
        // vLCM stages all hosts in parallel; each starts a few seconds after the task.
        let start = runStart + rng.int64(150...5_000)
        let variant = rng.next()
        let (state, note) = forced ?? outcome(host: host, rng: &rng)
        let end = start + duration(state: state, note: note, rng: &rng)
        var run = SampleHostRun(
            host: index, state: state, startMilliseconds: start,
            endMilliseconds: end, note: note, variant: variant)
        if let note {
            if note.list == .errors, note.typeName != nil, rng.chance(0.04) { run.noteFlags.insert(.untyped) }
            if SampleMessages.hasResolution(note), rng.chance(note == .disconnected ? 1 : 0.6) {
                run.noteFlags.insert(.resolution)
            }
            if note == .alreadyCompliant, rng.chance(0.02) { run.noteFlags.insert(.sentinelTime) }
        }
        // `progress` is optional per host and forbidden for SKIPPED and TIMED_OUT.
        switch state {
        case .ok: if rng.chance(0.45) { run.progress = 100 }
        case .error: if rng.chance(0.3) { run.progress = rng.int(10...90) }
        default: break
        }
        return run
    }

    private func outcome(host: SampleHost, rng: inout SampleRandom) -> (SampleHostState, SampleNoteKind?) {
        if case let .failing(from, reason) = host.trait, night >= from {
            return Self.failure(reason)
        }
        if let reason = host.episodeReason(night: night) { return Self.failure(reason) }
        if event == .outage {
            let roll = rng.unit()
            if roll < 0.55 { return (.error, .depotConnect) }
            if roll < 0.85 { return (.skipped, .depotConnect) }
        }
        if event == .slowNight, rng.chance(SampleRates.slowNightTimeout) { return timeoutOutcome(rng: &rng) }
        if host.trait == .flaky, rng.chance(SampleRates.flakyFailure) {
            return rng.chance(0.75) ? errorOutcome(rng: &rng) : timeoutOutcome(rng: &rng)
        }
        let troubled = cluster.isTroubled
        var roll = rng.unit()
        if roll < SampleRates.unknownStatus { return (.unknown, nil) }
        roll -= SampleRates.unknownStatus
        let skipped = troubled ? SampleRates.troubledSkipped : SampleRates.skipped
        if roll < skipped { return skipOutcome(rng: &rng) }
        roll -= skipped
        let error = troubled ? SampleRates.troubledError : SampleRates.error
        if roll < error { return errorOutcome(rng: &rng) }
        roll -= error
        if roll < (troubled ? SampleRates.troubledTimedOut : SampleRates.timedOut) {
            return timeoutOutcome(rng: &rng)
        }
        return (.ok, nil)
    }

    private static func failure(_ reason: SampleNoteKind) -> (SampleHostState, SampleNoteKind?) {
        reason == .timeout ? (.timedOut, .timeout) : (.error, reason)
    }

    private func skipOutcome(rng: inout SampleRandom) -> (SampleHostState, SampleNoteKind?) {
        let reasons: [SampleNoteKind?] = [.alreadyCompliant, .alreadyStaged, .disconnected, .maintenanceMode, nil]
        return (.skipped, reasons[rng.weighted(SampleRates.skipReasons)])
    }

    private func errorOutcome(rng: inout SampleRandom) -> (SampleHostState, SampleNoteKind?) {
        let reasons: [SampleNoteKind?] = [
            .depotConnect, .insufficientSpace, .downloadFailed, .vibSignature,
            .depotValidation, .healthCheck, .hardwareSupportWarning, nil
        ]
        return (.error, reasons[rng.weighted(SampleRates.errorReasons)])
    }

    private func timeoutOutcome(rng: inout SampleRandom) -> (SampleHostState, SampleNoteKind?) {
        (.timedOut, rng.chance(0.9) ? .timeout : nil)
    }

    /// Milliseconds from host start to end: most hosts stage in 3–15 minutes, skips take
    /// seconds, and there is a long tail up to two hours.
    private func duration(state: SampleHostState, note: SampleNoteKind?, rng: inout SampleRandom) -> Int64 {
        let second: Int64 = 1_000
        switch state {
        case .ok:
            let roll = rng.unit()
            if roll < 0.04 { return rng.int64(40 * second...180 * second) }
            if roll < 0.90 {
                // Sum of two uniforms: a hump around 7–8 minutes, no libm needed.
                return 180 * second + rng.int64(0...360 * second) + rng.int64(0...360 * second)
            }
            if roll < 0.98 { return rng.int64(900 * second...2_700 * second) }
            return rng.int64(2_700 * second...7_200 * second)
        case .skipped:
            switch note {
            case .disconnected: return rng.int64(3...60)
            case .depotConnect: return rng.int64(2 * second...30 * second)
            default: return rng.int64(200...4_000)
            }
        case .error:
            switch note {
            case .depotConnect: return rng.int64(5 * second...120 * second)
            case .vibSignature, .depotValidation: return rng.int64(30 * second...300 * second)
            default: return rng.int64(120 * second...1_500 * second)
            }
        case .timedOut:
            // vLCM gives up at a fixed limit; the jitter is the polling interval.
            let limit: Int64 = rng.chance(0.75) ? 3_600 : 7_200
            return limit * second + rng.int64(0...25 * second)
        default:
            return rng.int64(60 * second...900 * second)
        }
    }
}
