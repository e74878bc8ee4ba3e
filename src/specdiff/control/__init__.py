"""Change control as data: the gate, drafted cancellation clauses and records, the register, a class's life."""
