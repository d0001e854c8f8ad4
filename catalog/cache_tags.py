"""The names shared pages depend on (core.shared_pages): a page showing a product's
stock state depends on its product's tag, which the stock services expire."""


def product(pk: int) -> str:
    return f"product:{pk}"


def products(pks) -> list[str]:
    return [product(pk) for pk in pks]
