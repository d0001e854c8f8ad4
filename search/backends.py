"""The search servers' backends, speaking the shop's language: every text field that is
searched is analysed with the language analyzer SEARCH_LANGUAGE names, so "boards" finds
"Oak Board" there as on PostgreSQL. Each field names its analyzer in the mapping, which
every engine honours (an index-wide default analyzer is not)."""

from django.conf import settings
from wagtail.search.backends import elasticsearch9, opensearch3


def _in_language(properties: dict) -> None:
    for mapping in properties.values():
        if mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["analyzer"] = settings.SEARCH_LANGUAGE
        if mapping.get("type") == "nested":
            _in_language(mapping["properties"])


class LanguageMapping:
    def get_mapping(self):
        mapping = super().get_mapping()
        _in_language(mapping["properties"])
        return mapping


class Elasticsearch9Mapping(LanguageMapping, elasticsearch9.Elasticsearch9Mapping):
    pass


class OpenSearch3Mapping(LanguageMapping, opensearch3.OpenSearch3Mapping):
    pass


class Elasticsearch9SearchBackend(elasticsearch9.Elasticsearch9SearchBackend):
    mapping_class = Elasticsearch9Mapping


class OpenSearch3SearchBackend(opensearch3.OpenSearch3SearchBackend):
    mapping_class = OpenSearch3Mapping
