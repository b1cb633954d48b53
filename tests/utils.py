from django.db import connection


def count_queries(func) -> int:
    """How many SQL statements `func` sends (independent of DEBUG and of the query log)."""
    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        func()
    return len(statements)
