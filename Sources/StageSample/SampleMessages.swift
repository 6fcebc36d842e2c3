/// A `LocalizableMessage` ready to be written: en_US text with its args already substituted,
/// as vCenter sends it (`localized` equals `default_message` for an en_US session).
struct SampleMessage {
    enum Param {
        case string(String)
        case integer(Int)
    }

    let id: String
    let text: String
    let args: [String]
    var params: [(name: StaticString, value: Param)] = []
}

/// What a notification's text is about.
struct SampleNoteContext {
    let hostName: String
    let vcenterName: String
    let commit: Int
    /// Random bits that pick among the variants of a message (which URL, which error text).
    let variant: UInt64
    var failedHosts = 0
    var totalHosts = 0
}

/// The message catalogue. Texts are invented where vsphere-stage-model.md has none, in the
/// style of real vLCM messages: they quote URLs, `<urlopen error …>`, VIB names in quotes,
/// ampersands and non-ASCII, which is exactly what renderers must escape.
enum SampleMessages {
    static let taskDescription = SampleMessage(
        id: "com.vmware.vcIntegrity.lifecycle.Task.Description",
        text: "Task created by VMware vSphere Lifecycle Manager", args: [])
    static let taskProgress = SampleMessage(
        id: "com.vmware.vcIntegrity.lifecycle.Task.Progress",
        text: "Current progress for task created by VMware vSphere Lifecycle Manager", args: [])
    static let stageFailed = SampleMessage(
        id: "com.vmware.vcIntegrity.lifecycle.StageTask.Failed",
        text: "Staging failed on one or more hosts.", args: [])
    /// The task `error` of a stage that failed before any host result: the depot is down.
    static let depotUnreachable = SampleMessage(
        id: "com.vmware.vcIntegrity.lifecycle.DepotUnreachable",
        text: "Cannot reach the depot https://depot.example.com/vum/repository/; no host was staged.",
        args: ["https://depot.example.com/vum/repository/"])
    static let pluginFailed = SampleMessage(
        id: "com.vmware.vcIntegrity.lifecycle.plugin.Failed",
        text: "Plugin network_pre failed: internal error in the lifecycle plugin framework.",
        args: ["network_pre"])

    private static let urlErrors = [
        "<urlopen error [Errno -2] Name or service not known>",
        "<urlopen error [Errno 111] Connection refused>",
        "<urlopen error timed out>",
        "<urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:1129)>"
    ]
    private static let vibs = [
        "VMware_bootbank_esx-base_8.0.3-0.35.24280767",
        "VMware_bootbank_vsan_8.0.3-0.35.24280767",
        "DEL_bootbank_dellemc-osname-idrac_7.0.0-A00",
        "VMW_bootbank_nmlx5-core_4.23.0.66-2vmw.803.0.35.24280767"
    ]

    static func message(for kind: SampleNoteKind, _ context: SampleNoteContext) -> SampleMessage {
        let host = context.hostName
        let pick = Int(context.variant % 1_000_003)
        switch kind {
        case .alreadyCompliant:
            return SampleMessage(
                id: "\(kind.id)",
                text: "Host \(host) is already compliant with the desired image. Staging is not needed.",
                args: [host])
        case .alreadyStaged:
            return SampleMessage(
                id: "\(kind.id)",
                text: "The desired image (commit \(context.commit)) is already staged on host \(host).",
                args: [host, String(context.commit)])
        case .disconnected:
            return SampleMessage(
                id: "\(kind.id)",
                text: "Host \(host) is disconnected. Connect the host and retry.", args: [host])
        case .maintenanceMode:
            return SampleMessage(
                id: "\(kind.id)",
                text: "Host \(host) is in maintenance mode <pending reboot>.", args: [host])
        case .depotConnect:
            let url =
                "http://\(context.vcenterName):9084/vum/repository/hostupdate/vmw/vib20/esx-base/"
                + "\(vibs[0]).vib?lang=en&rev=\(context.commit)"
            let error = urlErrors[pick % urlErrors.count]
            return SampleMessage(
                id: "\(kind.id)", text: "Cannot download VIB from \(url). Error: \(error)",
                args: [url, error])
        case .insufficientSpace:
            let free = 40 + pick % 300
            let required = 450 + (pick / 7) % 200
            var message = SampleMessage(
                id: "\(kind.id)",
                text: "Insufficient space on host \(host): \(free) MB free in /locker, \(required) MB required.",
                args: [host, String(free), String(required)])
            message.params = [
                ("host", .string(host)), ("free_mb", .integer(free)),
                ("required_mb", .integer(required))
            ]
            return message
        case .downloadFailed:
            let status = ["HTTP 503 Service Unavailable", "HTTP 404 Not Found", "connection reset by peer"][pick % 3]
            let bundle = "VMware-ESXi-8.0U3c-24414501-depot.zip"
            return SampleMessage(
                id: "\(kind.id)",
                text: "Download of \"\(bundle)\" to host \(host) failed: \(status).",
                args: [host, bundle, status])
        case .vibSignature:
            let vib = vibs[pick % vibs.count]
            return SampleMessage(
                id: "\(kind.id)",
                text: "Signature verification of VIB \"\(vib)\" failed on host \(host) & staging stopped.",
                args: [host, vib])
        case .depotValidation:
            let depot = "https://depot.dc0.example.com/vsphere/8.0/index.xml"
            return SampleMessage(
                id: "\(kind.id)",
                text: "Depot content validation failed: component “Intel-i40en” is missing from \(depot).",
                args: [depot, "Intel-i40en"])
        case .healthCheck:
            let check = ["Network latency check", "Disk – operational health", "vSAN object health"][pick % 3]
            return SampleMessage(
                id: "\(kind.id)", text: "vSAN health check failed on host \(host): «\(check)».",
                args: [host, check])
        case .hardwareSupportWarning:
            return SampleMessage(
                id: "\(kind.id)",
                text:
                    "Hardware support manager 'Dell OpenManage' did not answer for host \(host); "
                    + "firmware & drivers were not staged.",
                args: [host, "Dell OpenManage"])
        case .timeout:
            return SampleMessage(id: "\(kind.id)", text: "Staging timed out on host \(host).", args: [host])
        case .lockerLowSpace:
            return SampleMessage(
                id: "\(kind.id)", text: "Low free space in /locker on host \(host); the next image may not fit.",
                args: [host])
        case .summaryFailed:
            return SampleMessage(
                id: "\(kind.id)",
                text: "Staging failed on \(context.failedHosts) of \(context.totalHosts) hosts.",
                args: [String(context.failedHosts), String(context.totalHosts)])
        case .pluginStarted, .pluginCompleted:
            let verb = kind == .pluginStarted ? "started" : "completed"
            // Observed: a plugin message id is the notification id prefixed with the originator.
            return SampleMessage(
                id: "\(kind.originator ?? "")\(kind.id)",
                text: "Plugin network_pre \(verb) on cluster hosts.", args: ["network_pre"])
        case .lifecycleHook:
            return SampleMessage(
                id: "\(kind.id)",
                text: "Host \(host) has a pending lifecycle hook; it is not compliant until the hook completes.",
                args: [host])
        }
    }

    static func hasResolution(_ kind: SampleNoteKind) -> Bool {
        switch kind {
        case .disconnected, .depotConnect, .insufficientSpace, .vibSignature, .timeout: true
        default: false
        }
    }

    /// The `resolution` of a notification, for the kinds that have one.
    static func resolution(for kind: SampleNoteKind, _ context: SampleNoteContext) -> SampleMessage? {
        let host = context.hostName
        switch kind {
        case .disconnected:
            return SampleMessage(
                id: "com.vmware.vcIntegrity.lifecycle.host.disconnected.GenericResolution",
                text: "Reconnect the host '\(host)' and try again.", args: [host])
        case .depotConnect:
            return SampleMessage(
                id: "com.vmware.vcIntegrity.lifecycle.EsxImage.DepotConnectErrorV2.Resolution",
                text: "Check that the depot is reachable from host \(host) (DNS, proxy & firewall) and retry.",
                args: [host])
        case .insufficientSpace:
            return SampleMessage(
                id: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.InsufficientSpace.Resolution",
                text: "Free space in the locker partition (/locker) on '\(host)' and retry staging.",
                args: [host])
        case .vibSignature:
            return SampleMessage(
                id: "com.vmware.vcIntegrity.lifecycle.StageTask.VibSignatureError.Resolution",
                text: "Remove the unsigned VIB from the depot or import a signed one, then retry.",
                args: [])
        case .timeout:
            return SampleMessage(
                id: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.Timeout.Resolution",
                text: "Check the network bandwidth between vCenter <\(context.vcenterName)> and the host, then retry.",
                args: [context.vcenterName])
        default:
            return nil
        }
    }
}
