package dev.converge.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The API process: a Temporal client behind a REST surface for CI. Runs no workflow code. */
@SpringBootApplication
public class ConvergeApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(ConvergeApiApplication.class, args);
  }
}
