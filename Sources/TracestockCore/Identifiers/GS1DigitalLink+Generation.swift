extension GS1DigitalLink {
    /// Builds a Digital Link URI from GS1 elements: primary key and qualifiers in the path, other AIs in the
    /// query (sorted by AI), then `otherQueryParameters`; everything outside RFC 3986 unreserved characters
    /// is percent-encoded. `baseURL` is scheme + host + optional path prefix (a trailing `/` is dropped).
    public static func uri(
        for elementString: GS1ElementString,
        baseURL: String = GS1DigitalLink.defaultBaseURL,
        otherQueryParameters: [QueryParameter] = []
    ) throws -> String {
        let elements = elementString.elements
        guard let keyAI = primaryKeyPreference.first(where: { key in elements.contains { $0.ai == key } }),
              let primaryKey = elements.first(where: { $0.ai == keyAI })
        else {
            throw TracestockError.identifier(
                "a Digital Link needs a primary key (01, 00, 414, ...)", field: "digitalLink", reason: "primaryKey")
        }
        var remaining = elements.filter { $0.ai != keyAI }
        var qualifiers: [GS1Element] = []
        let alternatives = qualifierPaths[keyAI] ?? []
        let present = Set(remaining.map(\.ai))
        if let chosen = alternatives.first(where: { !present.isDisjoint(with: $0) }) {
            for ai in chosen {
                if let found = remaining.first(where: { $0.ai == ai }) {
                    qualifiers.append(found)
                }
            }
            remaining.removeAll { chosen.contains($0.ai) }
        }
        if let misplaced = remaining.first(where: { qualifierPaths[$0.ai] != nil || qualifierAIs.contains($0.ai) }) {
            throw TracestockError.identifier(
                "cannot be placed in a Digital Link with primary key (\(keyAI))", ai: misplaced.ai,
                field: "digitalLink", reason: "pathQualifier")
        }
        remaining.sort { $0.ai < $1.ai }
        return render(
            baseURL: baseURL, primaryKey: primaryKey, qualifiers: qualifiers, attributes: remaining,
            others: otherQueryParameters)
    }

    /// This link rendered again (canonical encoding; the fragment, if any, is not kept).
    public var uri: String {
        GS1DigitalLink.render(
            baseURL: baseURL, primaryKey: primaryKey, qualifiers: qualifiers, attributes: dataAttributes,
            others: otherQueryParameters)
    }

    static func render(
        baseURL: String, primaryKey: GS1Element, qualifiers: [GS1Element], attributes: [GS1Element],
        others: [QueryParameter]
    ) -> String {
        var text = baseURL
        while text.hasSuffix("/") { text.removeLast() }
        for element in [primaryKey] + qualifiers {
            text += "/" + element.ai + "/" + PercentEncoding.encode(element.value)
        }
        var query: [String] = attributes.map { $0.ai + "=" + PercentEncoding.encode($0.value) }
        query += others.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
        if !query.isEmpty {
            text += "?" + query.joined(separator: "&")
        }
        return text
    }
}
