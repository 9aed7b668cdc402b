package dev.converge.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The worker process: hosts ConvergeWorkflow and its activities on the {@code converge} task queue.
 */
@SpringBootApplication
@EnableConfigurationProperties(WorkerSettings.class)
public class ConvergeWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(ConvergeWorkerApplication.class, args);
  }
}
