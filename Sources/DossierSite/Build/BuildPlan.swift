import DossierContent
import DossierModel
import DossierSupport
import DossierTemplates
import Foundation

/// The third stage's value: every page the site has, which of them to render and which to keep from the last
/// build, which site-wide outputs to make, and where the pages go. Clean, incremental, template-only and
/// streaming builds are all ways of making one of these; a single render path reads it.
struct BuildPlan: Sendable {
    /// How a build decides what to render again.
    enum Mode: Sendable {
        /// Everything: no earlier build to compare with.
        case clean
        /// Pages whose recorded reads or templates changed since `LastBuild` (`dossier watch` and `serve`).
        case incremental(SiteBuilder.LastBuild)
        /// Only pages drawn with a changed template: the content is what the last build read, so its search index,
        /// feeds and exports stay (a re-run of `dossier build` after a template edit).
        case templatesOnly(SiteBuilder.SameContent)
    }

    var site: SiteModel
    var changes: ChangeLog
    var network: ActorNetwork
    /// Every page of the site, in plan order.
    var pages: [SitePage]
    /// The pages to render, in plan order.
    var render: [SitePage] = []
    /// Pages kept from the last build, with what they read then.
    var keptPages: [String: SiteBuilder.PageRecord] = [:]
    /// Other files kept as they are (path → checksum): pages and site-wide files of a template-only build.
    var keptFiles: [String: String] = [:]
    /// The site-wide jobs (search index, feeds, exports); nil when the last build's files all stay.
    var extras: SiteExtras?
    /// The search index's files, when `extras` does not make them.
    var searchShards: [String] = []
    /// Whether to record what each rendered page reads, for the next incremental build.
    var remember: Bool
    /// A folder that held nothing, to write each page into as soon as it is rendered; nil holds pages in memory.
    var stream: String?

    /// The pages that wait for the site-wide jobs: the search page lists the search index's files.
    var waitingForExtras: [Int] {
        extras == nil ? [] : render.indices.filter { render[$0].kind == .search }
    }
}

extension SiteBuilder {
    /// Stage 2 and 3, resolve the site-wide facts and plan: works out the change log and the actor network (on two
    /// cores), lists the pages, and decides with `mode` which to render and which site-wide jobs to run.
    func plan(_ site: SiteModel, history: EditionHistory, theme: Theme, library: TemplateLibrary, mode: BuildPlan.Mode,
              remember: Bool, stream: String?) -> BuildPlan {
        var changeLog: ChangeLog?
        let network = concurrently(jobs: options.jobs, { ActorNetwork(site: site) }, while: {
            changeLog = ChangeLog(site: site, history: history, mode: options.editions)
        })
        let changes = changeLog!
        var plan = BuildPlan(site: site, changes: changes, network: network,
                             pages: SitePlan.pages(for: site, editions: changes.editions.map(\.edition)),
                             remember: remember, stream: stream)
        let previous: LastBuild?
        switch mode {
        case .templatesOnly(let same):
            plan.searchShards = SearchIndex.files(among: same.graph.files.keys)
            plan.selectChangedTemplates(since: same, theme: theme, library: library)
            return plan
        case .incremental(let last): previous = last
        case .clean: previous = nil
        }
        // The search index, feeds and exports are made alongside the pages.
        plan.extras = SiteExtras(planning: site, siteFolder: options.siteFolder, pages: plan.pages, changes: changes,
                                 network: network, previous: previous, remember: remember)
        if let previous {
            plan.selectChangedReads(since: previous, theme: theme, outputRoot: options.output.path)
        } else {
            plan.render = plan.pages
        }
        return plan
    }
}

extension BuildPlan {
    /// Chooses the pages of an incremental build: those that read a part of the model that changed, use a template
    /// that changed, or whose file is gone or altered in size; the rest are kept. When the model is the very one
    /// `previous` was built from (a template save under `dossier watch`), no part of it is compared.
    mutating func selectChangedReads(since previous: SiteBuilder.LastBuild, theme: Theme, outputRoot: String) {
        let changedTemplates = Set(theme.templates.keys).union(previous.templates.keys)
            .filter { theme.templates[$0] != previous.templates[$0] }
        var sameKey: [BuildKey: Bool] = [:]
        let site = self.site
        let sameModel = site.isSameModel(as: previous.site)
        func same(_ key: BuildKey) -> Bool {
            switch key {
            case .template(let name): !changedTemplates.contains(name)
            case .model(let part): site.same(part, as: previous.site)
            // A page reads the model and its templates only; any other key means it is made again.
            case .asset, .pagePaths, .titles, .changeLog, .content: false
            }
        }
        for page in pages {
            if let record = previous.pages[page.path], previous.hashes[page.path] != nil,
               record.keys.allSatisfy({ key in
                   // `wholeBuild` stands for more than the model (the change log, the editions): never the same.
                   if sameModel, case .model(let part) = key, part != .wholeBuild { return true }
                   if let known = sameKey[key] { return known }
                   let answer = same(key)
                   sameKey[key] = answer
                   return answer
               }),
               OutputWriter.size(of: outputRoot + "/" + page.path) == record.size {
                keptPages[page.path] = record
            } else {
                render.append(page)
            }
        }
    }

    /// Chooses the pages of a template-only build: those the graph finds stale (`BuildGraph.stale`), drawn with a
    /// template whose source changed since the last build; every other file that build wrote (pages, search index,
    /// feeds, exports, all made from the content alone) is kept.
    mutating func selectChangedTemplates(since same: SiteBuilder.SameContent, theme: Theme, library: TemplateLibrary) {
        let changed = BuildGraph.changed(templates: theme.templates, since: same.graph.header, contentChanged: false)
        var planned = Set(theme.assets.keys.map { "assets/" + $0 })
        var reads: [String: Set<BuildKey>] = [:]
        for page in pages {
            planned.insert(page.path)
            let keys = reads[page.template] ?? BuildKey.reads(of: page.template, in: library)
            reads[page.template] = keys
            if let hash = same.hashes[page.path], !same.graph.stale(page.path, reading: keys, changed: changed) {
                keptFiles[page.path] = hash
            } else {
                render.append(page)
            }
        }
        for (path, hash) in same.hashes where !planned.contains(path) {
            if !same.graph.stale(path, reading: [.content], changed: changed) { keptFiles[path] = hash }
        }
    }
}

extension BuildKey {
    /// What a page drawn with `template` reads of the theme: that template and every partial and layout it uses.
    static func reads(of template: String, in library: TemplateLibrary) -> Set<BuildKey> {
        Set(library.dependencies(of: template).union([template]).map(BuildKey.template))
    }
}
