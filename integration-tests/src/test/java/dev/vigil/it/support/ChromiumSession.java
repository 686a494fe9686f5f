package dev.vigil.it.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/** A fresh Chromium per test, closed after it: {@code @RegisterExtension final ChromiumSession chromium = new ChromiumSession();} */
public final class ChromiumSession implements BeforeEachCallback, AfterEachCallback {

    private ChromeDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) {
        driver = Chromium.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }
}
