/// Every notification the generator writes. Ids from vsphere-stage-model.md §11 are real; the
/// `StageTask.*` ids are the placeholders of §12 (no real stage-specific ids are public).
enum SampleNoteKind: Sendable, Equatable {
    // Skip reasons.
    case alreadyCompliant
    case alreadyStaged
    case disconnected
    case maintenanceMode
    // Failure reasons (also a skip reason for depot trouble, as observed on apply).
    case depotConnect
    case insufficientSpace
    case downloadFailed
    case vibSignature
    case depotValidation
    case healthCheck
    case hardwareSupportWarning
    /// A warning on a host that staged: compliant today, a failure on a later image.
    case lockerLowSpace
    case timeout
    // Run and task level.
    case summaryFailed
    case pluginStarted
    case pluginCompleted
    case lifecycleHook

    /// The notification list it belongs in.
    var list: SampleNoteList {
        switch self {
        case .alreadyCompliant, .alreadyStaged, .pluginStarted, .pluginCompleted, .lifecycleHook: .info
        case .maintenanceMode, .hardwareSupportWarning, .lockerLowSpace: .warnings
        default: .errors
        }
    }

    var id: StaticString {
        switch self {
        case .alreadyCompliant: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.Compliant"
        case .alreadyStaged: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.AlreadyStaged"
        case .disconnected: "com.vmware.vcIntegrity.lifecycle.host.disconnected"
        case .maintenanceMode: "com.vmware.vcIntegrity.lifecycle.StageTask.MaintenanceMode"
        case .depotConnect: "com.vmware.vcIntegrity.lifecycle.EsxImage.DepotConnectErrorV2"
        case .insufficientSpace: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.InsufficientSpace"
        case .downloadFailed: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.DownloadFailed"
        case .vibSignature: "com.vmware.vcIntegrity.lifecycle.StageTask.VibSignatureError"
        case .depotValidation: "com.vmware.vcIntegrity.lifecycle.depotContent.ValidationError"
        case .healthCheck: "com.vmware.vcIntegrity.lifecycle.TaskError.HealthCheckFailed"
        case .hardwareSupportWarning: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.HardwareSupportManager"
        case .lockerLowSpace: "com.vmware.vcIntegrity.lifecycle.EsxImage.LockerLowSpace"
        case .timeout: "com.vmware.vcIntegrity.lifecycle.StageTask.Host.Timeout"
        case .summaryFailed: "com.vmware.vcIntegrity.lifecycle.StageTask.Summary.Failed"
        case .pluginStarted: "com.vmware.vcIntegrity.lifecycle.plugin.Started"
        case .pluginCompleted: "com.vmware.vcIntegrity.lifecycle.plugin.Completed"
        case .lifecycleHook: "com.vmware.vcIntegrity.lifecycle.lccm.nonCompliance.inHook"
        }
    }

    /// The `type` member; real disconnected-host errors have none.
    var typeName: StaticString? {
        switch self {
        case .disconnected: nil
        default:
            switch list {
            case .info: "INFO"
            case .warnings: "WARNING"
            case .errors: "ERROR"
            }
        }
    }

    var retriable: Bool? {
        switch self {
        case .depotConnect, .downloadFailed, .timeout: true
        case .insufficientSpace, .vibSignature, .depotValidation: false
        default: nil
        }
    }

    /// Plugin notifications come from an extension; their message id is prefixed with it (observed).
    var originator: StaticString? {
        switch self {
        case .pluginStarted, .pluginCompleted: "ext[com.vmware.vcIntegrity/8.0.3.24364488/network_group/network_pre]"
        case .healthCheck: "ext[com.vmware.vcIntegrity/8.0.3.24364488/vsan_health/health_pre]"
        default: nil
        }
    }
}

enum SampleNoteList: Sendable {
    case info, warnings, errors
}
