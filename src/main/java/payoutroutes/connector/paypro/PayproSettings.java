package payoutroutes.connector.paypro;

/** paypro, as its Kamelets' parameters configure it. */
record PayproSettings(String merchantNo, String appSecret, PayproSigner.SecretPosition secretPosition,
                      String notificationUrl, PayproCodes codes) {
}
