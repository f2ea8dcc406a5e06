"""Rules about the linter's own suppression comments."""
