package no.ledger.core.company;

import no.ledger.core.shared.InvalidInput;
import no.ledger.core.shared.MunicipalityNumber;
import no.ledger.core.shared.Slug;

/**
 * A shareholder, written as the API writes it: a municipality's four-digit number, {@code KS}, {@code STATE}, or
 * another party's own id in lower case (such as {@code helse-midt-norge-rhf}).
 */
public record Owner(String id, OwnerKind kind) {

    public static Owner parse(String value, String field) {
        InvalidInput.require(value, field);
        if (value.equals("KS")) {
            return new Owner(value, OwnerKind.KS);
        }
        if (value.equals("STATE")) {
            return new Owner(value, OwnerKind.STATE);
        }
        if (MunicipalityNumber.isMunicipalityNumber(value)) {
            return new Owner(value, OwnerKind.MUNICIPALITY);
        }
        if (!Slug.isSlug(value) || value.chars().allMatch(Character::isDigit)) {
            throw new InvalidInput("owner-format", field, field + " is a municipality number (four digits), KS, STATE"
                    + " or another party's id in lower-case letters, digits and dashes; got '" + value + "'");
        }
        return new Owner(value, OwnerKind.OTHER);
    }
}
