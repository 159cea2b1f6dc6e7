package io.incidentql.grammar;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Table of which token types can follow which, anywhere in the grammar, read off the parser's ATN.
 *
 * <p>It ignores context (a token followed by X in one rule and by Y in another allows both), so
 * it over-approximates: it only narrows down which tokens {@link SyntaxErrors} needs to try. Bit 0
 * stands for EOF, which is otherwise not a valid index.
 */
final class Followers {

    private Followers() {
    }

    /** Returns, for each token type, the set of types that can come right after it. */
    static BitSet[] compute(ATN atn, int maxTokenType) {
        BitSet[] ruleFollow = ruleFollowSets(atn);
        BitSet[] followers = new BitSet[maxTokenType + 1];
        for (int type = 0; type <= maxTokenType; type++) {
            followers[type] = new BitSet();
        }
        for (ATNState state : atn.states) {
            if (state == null) {
                continue;
            }
            for (int i = 0; i < state.getNumberOfTransitions(); i++) {
                Transition transition = state.transition(i);
                IntervalSet label = transition.label();
                if (transition.isEpsilon() || label == null) {
                    continue;
                }
                BitSet next = lookFrom(atn, transition.target, ruleFollow);
                for (int type : label.toArray()) {
                    if (type > 0 && type <= maxTokenType) {
                        followers[type].or(next);
                    }
                }
            }
        }
        return followers;
    }

    /** Returns the types that can start the rule. */
    static BitSet first(ATN atn, int rule) {
        return lookFrom(atn, atn.ruleToStartState[rule], new BitSet[atn.ruleToStartState.length]);
    }

    /** Returns the types that can come next from {@code state}, leaving its rule through any caller if need be. */
    private static BitSet lookFrom(ATN atn, ATNState state, BitSet[] ruleFollow) {
        BitSet result = new BitSet();
        IntervalSet next = atn.nextTokens(state);
        for (int type : next.toArray()) {
            if (type == Token.EOF) {
                result.set(0);
            } else if (type == Token.EPSILON) {
                if (ruleFollow[state.ruleIndex] != null) {
                    result.or(ruleFollow[state.ruleIndex]);
                }
            } else if (type > 0) {
                result.set(type);
            }
        }
        return result;
    }

    /** Returns for each rule what can follow a call of it; iterated until no set grows, as rules call each other. */
    private static BitSet[] ruleFollowSets(ATN atn) {
        int rules = atn.ruleToStartState.length;
        List<List<ATNState>> returnStates = new ArrayList<>();
        BitSet[] follow = new BitSet[rules];
        for (int rule = 0; rule < rules; rule++) {
            returnStates.add(new ArrayList<>());
            follow[rule] = new BitSet();
        }
        for (ATNState state : atn.states) {
            if (state == null) {
                continue;
            }
            for (int i = 0; i < state.getNumberOfTransitions(); i++) {
                if (state.transition(i) instanceof RuleTransition call) {
                    returnStates.get(call.target.ruleIndex).add(call.followState);
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int rule = 0; rule < rules; rule++) {
                for (ATNState returnState : returnStates.get(rule)) {
                    BitSet next = lookFrom(atn, returnState, follow);
                    int before = follow[rule].cardinality();
                    follow[rule].or(next);
                    changed |= follow[rule].cardinality() != before;
                }
            }
        }
        return follow;
    }
}
