from django.db import models


class SearchTerm(models.Model):
    """A word of the catalog: of a product's or category's title, a colour or an
    attribute. On PostgreSQL a trigram index over them finds the word closest to one
    that matches nothing, for "Did you mean …"."""

    word = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return self.word
