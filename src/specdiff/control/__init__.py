"""Change control: the policy, drafted cancellation clauses and records, and the checks on them."""
