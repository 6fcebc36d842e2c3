import Foundation
import TestHelpers
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// the browser reads commands from fd 3 and writes replies and events to fd 4, each message
/// JSON followed by a NUL byte). No port, no network, no extra dependency; everything the
/// page does is observable as events: console messages, exceptions, and every request.
final class Chromium {
    enum Failure: Error, CustomStringConvertible {
        case launch(String)
        case timeout(String)
        case protocolError(String)
        case closed(String)

        var description: String {
            switch self {
            case .launch(let s): return "cannot start chromium: \(s)"
            case .timeout(let s): return "timed out waiting for \(s)"
            case .protocolError(let s): return "DevTools protocol error: \(s)"
            case .closed(let s): return "chromium closed the pipe: \(s)"
            }
        }
    }

    let pid: pid_t
    /// The browser's profile, removed with the browser.
    private let profileDirectory: TemporaryDirectory
    var profile: URL { profileDirectory.url }
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var pending: [UInt8] = []
    private var nextID = 1
    private var closed = false
    /// Every event received so far, in order.
    private(set) var events: [[String: Any]] = []

    init(executable: String) throws {
        profileDirectory = try TemporaryDirectory("chromium-profile")
        signal(SIGPIPE, SIG_IGN) // a dead browser must fail the test, not kill the runner
        var commands: [Int32] = [0, 0], replies: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&replies) == 0 else { throw Failure.launch("pipe: \(errno)") }
        // Move the child's ends out of the way of fds 3 and 4 before mapping them there, and
        // keep every other end out of the child.
        let childRead = fcntl(commands[0], F_DUPFD_CLOEXEC, 100), childWrite = fcntl(replies[1], F_DUPFD_CLOEXEC, 100)
        close(commands[0]); close(replies[1])
        for fd in [commands[1], replies[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        toBrowser = commands[1]
        fromBrowser = replies[0]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let log = profileDirectory.at("chromium.log").path
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, childRead, 3)
        posix_spawn_file_actions_adddup2(&actions, childWrite, 4)

        let arguments = [
            executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            "--user-data-dir=\(profileDirectory.path)", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--mute-audio", "--disable-crash-reporter", "--window-size=1280,900", "about:blank"
        ]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // Its own process group, so that its renderer and helper processes can be ended with it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        close(childRead); close(childWrite)
        guard rc == 0 else {
            close(toBrowser); close(fromBrowser)
            throw Failure.launch("posix_spawn: \(rc)")
        }
        pid = child
    }

    deinit { shutDown() }

    /// Sends a command and waits for its reply, collecting the events that arrive meanwhile.
    @discardableResult
    func send(
        _ method: String, _ params: [String: Any] = [:], session: String? = nil,
        timeout: Double = 30
    ) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.closed("writing \(method): errno \(errno)\n\(logTail())") }
            written += n
        }
        let reply = try receive(until: "reply to \(method)", timeout: timeout) { ($0["id"] as? Int) == id }
        if let error = reply["error"] { throw Failure.protocolError("\(method): \(error)") }
        return reply["result"] as? [String: Any] ?? [:]
    }

    /// Waits for an event (already received or yet to come) of this method in this session.
    @discardableResult
    func waitForEvent(_ method: String, session: String?, timeout: Double = 30) throws -> [String: Any] {
        func matches(_ m: [String: Any]) -> Bool {
            m["method"] as? String == method && m["sessionId"] as? String == session
        }
        if let e = events.first(where: matches) { return e }
        return try receive(until: method, timeout: timeout, matches)
    }

    /// Evaluates an expression in the page and returns its JSON value.
    func evaluate(_ expression: String, session: String) throws -> Any? {
        let result = try send(
            "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true],
            session: session)
        if let exception = result["exceptionDetails"] { throw Failure.protocolError("\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    private func receive(until what: String, timeout: Double, _ done: ([String: Any]) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let nul = pending.firstIndex(of: 0) {
                let data = Data(pending[..<nul])
                pending.removeSubrange(...nul)
                guard let message = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
                if message["id"] == nil { events.append(message) }
                if done(message) { return message }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure.timeout("\(what)\n\(logTail())") }
            var pfd = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(left, 1) * 1000))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Failure.closed("waiting for \(what)\n\(logTail())") }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    /// The end of the browser's own log, for failure messages.
    func logTail() -> String {
        let text = (try? String(contentsOf: profile.appendingPathComponent("chromium.log"), encoding: .utf8)) ?? ""
        return "chromium log (tail):\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Asks the browser to quit, then makes sure it did; removes the profile.
    func shutDown() {
        guard !closed else { return }
        closed = true
        _ = try? send("Browser.close", timeout: 5)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(100_000)
        }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(-pid, SIGKILL) // the group this browser leads, nothing else
            waitpid(pid, &status, 0)
        }
        close(toBrowser)
        close(fromBrowser)
        profileDirectory.remove()
    }
}
