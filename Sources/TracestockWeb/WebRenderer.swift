import Foundation
import Mustache

/// Renders pages: a page's template with its model, inside `layout.mustache`. Templates are
/// resources of this target; `{{ }}` HTML-escapes every value, so user-supplied text is safe.
struct WebRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: String

    /// Loads every `Templates/*.mustache` and `Static/app.css` from the target's bundle.
    init() throws {
        guard let root = Bundle.module.resourceURL else { throw WebError.missingResources("the TracestockWeb resource bundle") }
        let templates = root.appendingPathComponent("Templates")
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        guard !names.isEmpty else { throw WebError.missingResources(templates.path) }
        for name in names {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        stylesheet = try String(contentsOf: root.appendingPathComponent("Static/app.css"), encoding: .utf8)
    }

    /// The page's HTML: `template` rendered with `model`, inside the layout.
    func render(_ template: String, model: Any, layout: LayoutModel) -> String {
        var layout = layout
        layout.content = library.render(model, withTemplate: template) ?? "template \(template) is missing"
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}

/// What the layout needs besides the page: title, who is signed in, the navigation.
struct LayoutModel {
    var title: String
    var userName: String?
    var role: String?
    var csrf: String?
    var active: String
    var flash: String?
    var content = ""
    /// Mustache reads stored properties only, so the navigation is built once here.
    var nav: [NavItem] = []

    init(title: String, userName: String?, role: String?, csrf: String?, active: String, flash: String? = nil) {
        self.title = title
        self.userName = userName
        self.role = role
        self.csrf = csrf
        self.active = active
        self.flash = flash
        let items = userName == nil ? [("/verify", "Verify a code", "verify"), ("/login", "Sign in", "login")]
            : [("/", "Dashboard", "dashboard"), ("/scan", "Scan", "scan"), ("/returns", "Returns", "returns"), ("/recall", "Recall", "recall"),
               ("/reorder", "Reorder", "reorder"), ("/ageing", "Ageing", "ageing"), ("/verify", "Verify", "verify")]
        nav = items.map { NavItem(path: $0.0, label: $0.1, current: $0.2 == active) }
    }

    struct NavItem {
        var path: String
        var label: String
        var current: Bool
    }
}

/// Failures of the web layer itself (not of a request).
enum WebError: Error, CustomStringConvertible {
    case missingResources(String)

    var description: String {
        switch self {
        case .missingResources(let what): "web UI resources not found: \(what)"
        }
    }
}
