"""The thesaurus shared with the national network of resource centres.

A descriptor has one preferred label, alternative labels (synonyms, which search
uses), one broader term (so the thesaurus is a tree), related terms and a scope
note: exactly what SKOS calls prefLabel, altLabel, broader, related, scopeNote.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from villecaraibe.text import normalize_search, unique_slug


class DescriptorQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(broader__isnull=True)

    def matching(self, text):
        """Descriptors whose preferred or alternative labels contain the folded ``text``."""
        return self.filter(search_text__contains=normalize_search(text))


class Descriptor(models.Model):
    pref_label = models.CharField(_("preferred label"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    alt_labels = models.TextField(
        _("alternative labels"),
        blank=True,
        help_text=_("Synonyms, one per line. A search for a synonym finds the preferred term."),
    )
    broader = models.ForeignKey(
        "self",
        verbose_name=_("broader term"),
        related_name="narrower",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    related = models.ManyToManyField("self", verbose_name=_("related terms"), blank=True)
    scope_note = models.TextField(_("scope note"), blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = DescriptorQuerySet.as_manager()

    class Meta:
        ordering = ["pref_label"]
        verbose_name = _("descriptor")
        verbose_name_plural = _("descriptors")
        constraints = [
            models.CheckConstraint(
                condition=~Q(broader=F("pk")), name="descriptor_not_its_own_broader"
            ),
        ]

    def __str__(self):
        return self.pref_label

    @property
    def alt_label_list(self):
        return [label.strip() for label in self.alt_labels.splitlines() if label.strip()]

    def labels(self):
        return [self.pref_label, *self.alt_label_list]

    def clean(self):
        self.alt_labels = "\n".join(dict.fromkeys(self.alt_label_list))
        folded = normalize_search(self.pref_label)
        if folded in {normalize_search(label) for label in self.alt_label_list}:
            raise ValidationError({"alt_labels": _("A synonym cannot repeat the preferred label.")})
        ancestor, seen = self.broader, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "broader": _(
                            "A descriptor cannot be placed under itself or its narrower terms."
                        )
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.broader

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.pref_label, "descripteur", max_length=140)
        self.search_text = normalize_search(" ".join(self.labels()))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documentation:descriptor", kwargs={"slug": self.slug})


def descriptor_tree(descriptors):
    """Arrange ``descriptors`` (already fetched) as nested (descriptor, children) pairs."""
    children = {}
    for descriptor in descriptors:
        children.setdefault(descriptor.broader_id, []).append(descriptor)

    def build(parent_id, depth=0):
        if depth > 20:
            return []
        return [(d, build(d.pk, depth + 1)) for d in children.get(parent_id, [])]

    return build(None)
