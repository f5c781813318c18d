package example.payouts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application that pays out through the aopay platform with payout-routes' Kamelet. */
@SpringBootApplication
public class PayoutsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PayoutsApplication.class, args);
    }
}
