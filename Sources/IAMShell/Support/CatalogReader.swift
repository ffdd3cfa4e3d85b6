import IAMPolicy
import IAMStore

/// Rebuilds the action catalog from the `actions` table (see docs/schema.md), so the shell's
/// solver and completion use exactly what the store loaded.
enum CatalogReader {
    static func read(from store: Store) -> ActionCatalog {
        let sql = "SELECT service, name, service_name, access_level, resource_types, condition_keys FROM actions ORDER BY service, name"
        guard let result = try? store.database.query(sql) else { return .empty }
        var services: [String: String] = [:]
        var actions: [ActionCatalog.Action] = []
        var types: [String: [ActionCatalog.ResourceType]] = [:]
        var seenTypes: Set<String> = []
        actions.reserveCapacity(result.rows.count)
        for row in result.rows {
            guard row.count == 6, let service = row[0].text, let name = row[1].text else { continue }
            if let sn = row[2].text { services[service] = sn }
            let level = row[3].text.flatMap(ActionCatalog.AccessLevel.init(rawValue:)) ?? .read
            var resourceTypes: [(name: String, required: Bool)] = []
            if let text = row[4].text, let json = try? JSONParser.parse(text), let items = json.arrayValue {
                for item in items {
                    guard let t = item["type"]?.stringValue else { continue }
                    resourceTypes.append((t, item["required"]?.boolValue ?? (item["required"]?.intValue == 1)))
                    if let pattern = item["arn_pattern"]?.stringValue, seenTypes.insert(service + ":" + t).inserted {
                        types[service, default: []].append(.init(service: service, name: t, arnPattern: pattern))
                    }
                }
            }
            var keys: [String] = []
            if let text = row[5].text, let json = try? JSONParser.parse(text), let items = json.arrayValue {
                keys = items.compactMap(\.stringValue)
            }
            actions.append(.init(service: service, name: name, accessLevel: level, resourceTypes: resourceTypes, conditionKeys: keys))
        }
        return ActionCatalog(services: services, actions: actions, resourceTypes: types)
    }
}
