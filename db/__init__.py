"""Storage: SQLAlchemy models, the engine, Alembic migrations and repositories scoped to an office."""
