import IAMPolicy

/// Compiled parts of statements, shared by every statement that spells them the same way.
/// Large snapshots repeat the same actions, resource patterns and conditions across thousands of
/// inline policies; compiling each once saves the work and, since the parts are values over
/// shared array storage, most of the solver index's memory (a 50,000-principal snapshot).
/// Used by one builder on one thread.
final class CompileCache {
    private var actions: [String: ActionPattern] = [:]
    private var resources: [String: ResourcePattern] = [:]
    private var literalResources: [String: ResourcePattern] = [:]   // version without variables
    private var prefixes: [String: [UInt8]] = [:]
    private var conditions: [ConditionsKey: CompiledConditions] = [:]
    private var keySets: [Set<String>: Set<String>] = [:]
    private var indexLists: [[Int]: [Int]] = [:]

    private struct ConditionsKey: Hashable {
        let clauses: [ConditionClause]
        let variablesEnabled: Bool
    }

    func action(_ raw: String) -> ActionPattern {
        if let a = actions[raw] { return a }
        let a = ActionPattern(raw)
        actions[raw] = a
        return a
    }

    func resource(_ text: String, variablesEnabled: Bool) -> ResourcePattern {
        if variablesEnabled {
            if let r = resources[text] { return r }
            let r = ResourcePattern(text, variablesEnabled: true)
            resources[text] = r
            return r
        }
        if let r = literalResources[text] { return r }
        let r = ResourcePattern(text, variablesEnabled: false)
        literalResources[text] = r
        return r
    }

    func prefix(_ text: String) -> [UInt8] {
        if let p = prefixes[text] { return p }
        let p = CompiledStatement.literalPrefix(text)
        prefixes[text] = p
        return p
    }

    func conditions(_ clauses: [ConditionClause], variablesEnabled: Bool) -> CompiledConditions {
        if clauses.isEmpty { return CompiledConditions([], variablesEnabled: variablesEnabled) }
        let key = ConditionsKey(clauses: clauses, variablesEnabled: variablesEnabled)
        if let c = conditions[key] { return c }
        let c = CompiledConditions(clauses, variablesEnabled: variablesEnabled)
        conditions[key] = c
        return c
    }

    func keys(_ set: Set<String>) -> Set<String> {
        if set.isEmpty { return set }
        if let s = keySets[set] { return s }
        keySets[set] = set
        return set
    }

    func indices(_ list: [Int]) -> [Int] {
        if let l = indexLists[list] { return l }
        indexLists[list] = list
        return list
    }
}
