import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type FragmentDefinitionNode } from 'graphql';

/**
 * Caps a query's cost: every field costs 1, and a field taking `first` multiplies its subtree by it.
 * Depth is capped separately (mercurius `queryDepth`).
 */
export function maxCostRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const cost = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let total = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          const first = s.arguments?.find((a) => a.name.value === 'first');
          const mult = first && first.value.kind === Kind.INT ? Math.max(1, Number(first.value.value)) : first ? 20 : 1;
          total += 1 + mult * cost(s.selectionSet, seen);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          total += cost(s.selectionSet, seen);
        } else if (!seen.has(s.name.value)) {
          const f = fragments.get(s.name.value);
          total += cost(f?.selectionSet, new Set([...seen, s.name.value]));
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const c = cost(node.selectionSet, new Set());
        if (c > maxCost) context.reportError(new GraphQLError(`查询过于复杂（成本 ${c}，上限 ${maxCost}）`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', cost: c, maxCost } }));
      },
    };
  };
}
