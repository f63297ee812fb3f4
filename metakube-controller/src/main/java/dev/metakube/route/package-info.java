/**
 * Routing and calibration: the meta-cognitive router ({@link dev.metakube.route.MetaCognitiveRouter}, paper
 * eq. 7-11), which gives each memory a trust score {@code C = Π f_j^v_j} and takes the fast pathway when the
 * best one's exceeds a learned threshold τ, the plain threshold router, and the
 * {@link dev.metakube.route.Calibrator} that turns a pathway's raw score into the probability that its answer is
 * right ({@link dev.metakube.route.ConfidenceCalibration}, isotonic, learned from feedback).
 */
package dev.metakube.route;
