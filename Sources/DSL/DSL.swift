// DSL target.
