package payoutroutes.model;

/** Who receives the money. Account number, email and phone are personal data: never log them. */
public record Beneficiary(String name, String firstName, String lastName, String accountNumber, String bankCode,
                          String email, String phone, String country, String city, String address, String zip) {
}
