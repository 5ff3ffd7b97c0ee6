import Foundation

/// Publishes a built site as the new tree of a branch (GitHub Pages' `gh-pages`, say) of a git repository, with the
/// `git` command: one commit whose message names the source commit, pushed to the repository. The branch keeps its
/// `CNAME` (unless the site has its own) and gets an empty `.nojekyll`, so GitHub Pages serves the files as they are.
///
/// The work happens in a scratch repository in a temporary folder, so no working tree is ever touched: the branch tip
/// is fetched, the site's files are hashed into git objects, a tree and a commit are written with plumbing commands,
/// and the commit is pushed as a fast-forward, which fails safely if someone else pushed in between.
public struct GitPublisher: Sendable {
    /// The repository: a path or a remote URL.
    public let repository: String
    /// The branch whose tree becomes the site.
    public let branch: String
    /// The options of this publish; `sourceFolder` is where the source commit is read.
    public let options: PublishOptions
    /// Extra environment for git (tests set `HOME` or identities here).
    public let environment: [String: String]

    /// Makes a publisher for `branch` of `repository`.
    public init(repository: String, branch: String, options: PublishOptions, environment: [String: String] = [:]) {
        self.repository = repository
        self.branch = branch
        self.options = options
        self.environment = environment
    }

    /// The empty file GitHub Pages reads as "do not run Jekyll".
    public static let noJekyll = ".nojekyll"

    /// Publishes the files of `output` and returns what was done; with `dryRun`, only what would be done.
    public func publish(_ output: URL) throws(PublishError) -> PublishReport {
        let start = DispatchTime.now()
        let site = try LocalSite.scan(output, jobs: options.jobs)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-publish-\(UUID().uuidString).git")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let git = Git(gitDirectory: scratch.path, environment: environment)
        try git.run(["init", "--quiet", "--bare", scratch.path], label: "init")
        let old = try fetchTip(git)
        let (wanted, modes) = try wantedFiles(site, git: git, oldTree: old.tree)
        let plan = PublishPlan.make(wanted: wanted, existing: old.tree.mapValues { PublishPlan.Existing(fingerprint: $0.id) }, force: false)
        var report = PublishReport(target: PublishTarget.git(repository: repository, branch: branch).description, plan: plan,
                                   dryRun: options.dryRun, uploaded: 0, deleted: 0, bytesSent: 0, duration: 0)
        if plan.deletions.count > options.maxDeletes { throw .tooManyDeletions(count: plan.deletions.count, limit: options.maxDeletes) }
        func timed(_ report: PublishReport) -> PublishReport {
            var report = report
            report.duration = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return report
        }
        if options.dryRun { return timed(report) }
        let tree = try writeTree(wanted, modes: modes, git: git, scratch: scratch)
        if tree == old.treeID && !options.force { return timed(report) }
        report.commit = try commitAndPush(tree, parent: old.tip, git: git)
        report.uploaded = plan.uploads.count
        report.deleted = plan.deletions.count
        report.bytesSent = plan.bytesToSend
        return timed(report)
    }

    /// What the branch holds now: its tip commit, that commit's tree and every file of it (path → mode and object
    /// id), fetched into the scratch repository; all nil and empty when the branch does not exist yet.
    private func fetchTip(_ git: Git) throws(PublishError) -> (tip: String?, treeID: String?, tree: [String: (mode: String, id: String)]) {
        let ref = "refs/heads/\(branch)"
        let remoteHeads = try git.run(["ls-remote", "--", repository, ref], label: "ls-remote")
        let tip = remoteHeads.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "\t")
            return parts.count == 2 && parts[1] == ref ? String(parts[0]) : nil
        }.first
        guard let tip else { return (nil, nil, [:]) }
        try git.run(["fetch", "--quiet", "--no-tags", "--depth=1", "--", repository, "+\(ref):refs/dossier/old"], label: "fetch")
        let treeID = try git.run(["rev-parse", "\(tip)^{tree}"], label: "rev-parse").trimmingCharacters(in: .whitespacesAndNewlines)
        var tree: [String: (mode: String, id: String)] = [:]
        let listing = try git.run(["ls-tree", "-r", "-z", "--full-tree", tip], label: "ls-tree")
        for entry in listing.split(separator: "\0") {
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            guard fields.count == 3 else { continue }
            tree[String(entry[entry.index(after: tab)...])] = (String(fields[0]), String(fields[2]))
        }
        return (tip, treeID, tree)
    }

    /// The new tree's files, hashed into git objects: the site's files, `.nojekyll`, and the old `CNAME` unless the
    /// site has one; with each path's mode.
    private func wantedFiles(_ site: LocalSite, git: Git, oldTree: [String: (mode: String, id: String)])
        throws(PublishError) -> (wanted: [PublishPlan.Wanted], modes: [String: String]) {
        let paths = site.files.map { site.url(of: $0.path).path }
        let ids = paths.isEmpty ? [] : try git.run(["hash-object", "-w", "--no-filters", "--stdin-paths"], label: "hash-object",
                                                    input: Data((paths.joined(separator: "\n") + "\n").utf8))
            .split(separator: "\n").map(String.init)
        guard ids.count == site.files.count else {
            throw .git(command: "hash-object", status: 0, message: "expected \(site.files.count) object ids, got \(ids.count)")
        }
        var wanted: [PublishPlan.Wanted] = []
        var modes: [String: String] = [:]
        for (file, id) in zip(site.files, ids) {
            wanted.append(.init(path: file.path, size: file.size, fingerprint: id))
            modes[file.path] = "100644"
        }
        if !modes.keys.contains(GitPublisher.noJekyll) {
            let empty = try git.run(["hash-object", "-w", "--stdin"], label: "hash-object", input: Data())
                .trimmingCharacters(in: .whitespacesAndNewlines)
            wanted.append(.init(path: GitPublisher.noJekyll, size: 0, fingerprint: empty))
            modes[GitPublisher.noJekyll] = "100644"
        }
        if modes["CNAME"] == nil, let cname = oldTree["CNAME"] {
            wanted.append(.init(path: "CNAME", size: 0, fingerprint: cname.id))
            modes["CNAME"] = cname.mode
        }
        return (wanted, modes)
    }

    /// Writes the tree of `wanted` through an index of its own in the scratch repository and returns its id.
    private func writeTree(_ wanted: [PublishPlan.Wanted], modes: [String: String], git: Git, scratch: URL) throws(PublishError) -> String {
        let index = scratch.appendingPathComponent("dossier-index").path
        var indexInput = Data()
        for item in wanted.sorted(by: { $0.path < $1.path }) {
            indexInput.append(Data("\(modes[item.path]!) \(item.fingerprint)\t\(item.path)\0".utf8))
        }
        try git.run(["update-index", "--add", "-z", "--index-info"], label: "update-index", input: indexInput, extra: ["GIT_INDEX_FILE": index])
        return try git.run(["write-tree"], label: "write-tree", extra: ["GIT_INDEX_FILE": index]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Commits `tree` on top of `parent` and pushes it as a fast-forward of the branch; returns the commit's id.
    /// A push refused because the branch moved meanwhile is `branchMoved`.
    private func commitAndPush(_ tree: String, parent: String?, git: Git) throws(PublishError) -> String {
        let ref = "refs/heads/\(branch)"
        var commitArguments = ["commit-tree", tree, "-F", "-"]
        if let parent { commitArguments += ["-p", parent] }
        let commit = try git.run(commitArguments, label: "commit-tree", input: Data(commitMessage().utf8), extra: identity(git))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var push = ["push", "--quiet", "--porcelain", "--", repository, "\(commit):\(ref)"]
        if let parent { push.insert("--force-with-lease=\(ref):\(parent)", at: 1) }
        do {
            try git.run(push, label: "push")
        } catch let error {
            if case .git(_, _, let message) = error, message.contains("stale info") || message.contains("fetch first") || message.contains("non-fast-forward") {
                throw .branchMoved(branch: branch)
            }
            throw error
        }
        return commit
    }

    /// The commit message: the source commit of the site folder (and whether it had uncommitted changes).
    func commitMessage() -> String {
        guard let folder = options.sourceFolder else { return "Publish site\n\nPublished by dossier publish.\n" }
        let source = Git(gitDirectory: nil, environment: environment, workingDirectory: folder.path)
        guard let head = try? source.run(["rev-parse", "HEAD"], label: "rev-parse").trimmingCharacters(in: .whitespacesAndNewlines),
              !head.isEmpty else {
            return "Publish site\n\nThe source folder is not in a git repository (or has no commit).\nPublished by dossier publish.\n"
        }
        let dirty = (try? source.run(["status", "--porcelain", "--untracked-files=no", "--", "."], label: "status"))
            .map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
        return "Publish site from \(head.prefix(12))\(dirty ? " (with uncommitted changes)" : "")\n\n"
            + "Source commit: \(head)\(dirty ? " plus uncommitted changes" : "")\nPublished by dossier publish.\n"
    }

    /// Author and committer for the commit: git's configured identity, or Dossier's when none is set.
    private func identity(_ git: Git) -> [String: String] {
        let name = (try? git.run(["config", "user.name"], label: "config"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let email = (try? git.run(["config", "user.email"], label: "config"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var extra: [String: String] = [:]
        if name.isEmpty && environment["GIT_AUTHOR_NAME"] == nil {
            extra["GIT_AUTHOR_NAME"] = "Dossier"
            extra["GIT_COMMITTER_NAME"] = "Dossier"
        }
        if email.isEmpty && environment["GIT_AUTHOR_EMAIL"] == nil {
            extra["GIT_AUTHOR_EMAIL"] = "dossier@localhost"
            extra["GIT_COMMITTER_EMAIL"] = "dossier@localhost"
        }
        return extra
    }
}
