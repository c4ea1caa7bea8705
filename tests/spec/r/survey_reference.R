#!/usr/bin/env Rscript
# Reference survey estimates from R's `survey` package (Lumley), for tests/spec/test_survey_against_r_survey.py.
#
# Usage: Rscript survey_reference.R FRAME.csv OUT.csv
# FRAME.csv: one row per NHANES person with the design (stratum, psu, weight), age, sex and the
# analysis columns; 0/1 indicators are named ind_*, means mean_*. Every number is written with 17
# significant digits so that nothing is lost on the way back to Python.
#
# Two places where R's defaults are not what NCHS documents, coded here and said so:
# 1. Korn-Graubard CIs. svyciprop(method = "beta") uses the effective sample size
#    p(1-p)/SE^2 * (t_{N-1}/t_df)^2 with N = nrow(design), the whole sample, even for a domain, and
#    does not cap it. NCHS's Data Presentation Standards for Proportions (Parker et al., Vital
#    Health Stat 2(175), 2017) use the domain's own sample size n in t_{n-1} and cap the effective
#    sample size at n (n when p = 0 or SE = 0). `kg()` below is svyciprop's beta method with those
#    two changes; the script also checks that, without them, `kg()` gives svyciprop's own interval.
# 2. Regression CIs. confint() on svyglm defaults to normal quantiles (ddf = Inf); NCHS and b12 use
#    t on the model's residual degrees of freedom (degf(design) + 1 - number of coefficients), the
#    df that summary.svyglm uses for its p-values. The CIs here are coef +- qt(0.975, df) * SE.
# Logistic fits converge to glm.control(epsilon = 1e-14). With R's default (epsilon 1e-8, on the
# deviance) the coefficients already agree with b12 to 1e-10, but the SEs, computed from the working
# weights of the iteration where R stopped, differ by up to 1.3e-6 on these models; converged
# further they agree to about 5e-12. The tolerance of the comparison is never loosened.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")  # as b12's default: a stratum with one PSU is an error

args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
d$sex <- factor(d$sex, levels = c("female", "male"))
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = d)
level <- 0.95
alpha <- 1 - level
rows <- list()
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)

kg <- function(p, se, n_t, n_cap, df) {
  # svyciprop's beta interval; n_t is the n of t_{n-1}, n_cap caps the effective sample size
  if (p > 0 && se > 0) {
    n_eff <- min(n_cap, p * (1 - p) / se^2 * (qt(alpha / 2, n_t - 1) / qt(alpha / 2, df))^2)
  } else {
    n_eff <- n_cap
  }
  x <- n_eff * p
  low <- if (x <= 0) 0 else qbeta(alpha / 2, x, n_eff - x + 1)
  high <- if (n_eff - x <= 0) 1 else qbeta(1 - alpha / 2, x + 1, n_eff - x)
  c(low, high)
}

domain_design <- function(column, s) {
  inside <- d$age >= 60 & d$sex == s & !is.na(d[[column]])
  list(design = subset(design, inside), n = sum(inside))
}

for (column in grep("^ind_", names(d), value = TRUE)) {
  for (s in levels(d$sex)) {
    dom <- domain_design(column, s)
    m <- svymean(as.formula(paste0("~", column)), dom$design)
    p <- unname(coef(m)[1])
    se <- unname(SE(m)[1])
    df <- degf(dom$design)
    ci <- kg(p, se, dom$n, dom$n, df)
    # without NCHS's two changes, kg() is svyciprop(method = "beta") itself
    r_own <- svyciprop(as.formula(paste0("~", column)), dom$design, method = "beta", level = level)
    unadjusted <- kg(p, se, nrow(dom$design), Inf, df)
    stopifnot(abs(unadjusted - unname(confint(r_own)[1, ])) < 1e-12)
    add(kind = "prevalence", target = sub("^ind_", "", column), group = s, term = "",
        estimate = p, se = se, ci_low = ci[1], ci_high = ci[2], df = df, n = dom$n, p_value = NA)
  }
}

for (column in grep("^mean_", names(d), value = TRUE)) {
  for (s in levels(d$sex)) {
    dom <- domain_design(column, s)
    m <- svymean(as.formula(paste0("~", column)), dom$design)
    df <- degf(dom$design)
    ci <- confint(m, df = df)
    add(kind = "mean", target = sub("^mean_", "", column), group = s, term = "",
        estimate = unname(coef(m)[1]), se = unname(SE(m)[1]), ci_low = ci[1, 1],
        ci_high = ci[1, 2], df = df, n = dom$n, p_value = NA)
  }
}

older <- subset(design, age >= 60)
models <- list(
  list(formula = "mean_grip_max ~ mean_mma + age + sex", family = gaussian()),
  list(formula = "ind_mma_elevated ~ age + sex", family = quasibinomial()),
  list(formula = "ind_b12_deficient ~ mean_grip_max + age + sex", family = quasibinomial())
)
for (model in models) {
  fit <- svyglm(as.formula(model$formula), design = older, family = model$family,
                control = glm.control(epsilon = 1e-14, maxit = 100))
  table <- summary(fit)$coefficients
  df <- fit$df.residual
  for (term in rownames(table)) {
    estimate <- table[term, 1]
    se <- table[term, 2]
    half <- qt(1 - alpha / 2, df) * se
    add(kind = "regression", target = model$formula, group = "", term = term,
        estimate = estimate, se = se, ci_low = estimate - half, ci_high = estimate + half,
        df = df, n = nrow(model.frame(fit)), p_value = table[term, 4])
  }
}

out <- do.call(rbind, rows)
for (column in c("estimate", "se", "ci_low", "ci_high", "p_value")) {
  out[[column]] <- ifelse(is.na(out[[column]]), "", sprintf("%.17g", out[[column]]))
}
write.csv(out, args[2], row.names = FALSE)
