//! Checking many posts: [`Linter::check_all`].

use std::collections::VecDeque;

use crate::diagnostic::Diagnostic;
use crate::engine::Linter;

/// The most posts checked together (see [`Linter::check_all`]).
const BATCH_POSTS: usize = 64;
/// A batch stops taking posts once it holds this many bytes.
const BATCH_BYTES: usize = 64 << 10;

impl Linter {
    /// Checks each post of `posts` and yields every post with its diagnostics, in the
    /// order given.
    ///
    /// Each post is checked on its own, exactly as [`Linter::check`] checks it: spans are
    /// byte ranges into that post, nothing carries over from one post to the next (an
    /// acronym spelled out in one post is still unexplained in the next), and the results
    /// do not depend on how many posts came before. It is made for archives and exports:
    /// posts are read a few dozen at a time (at most 64, or 64 KiB), so an archive of
    /// hundreds of thousands of posts streams through in constant memory, and since each
    /// post comes back with its findings a renderer has the text it needs for line numbers
    /// and context.
    ///
    /// It is also faster than calling [`Linter::check`] post by post: the posts of a batch
    /// go through each stage of the check together, so each stage's code and tables stay
    /// in the processor's caches from one post to the next.
    ///
    /// `posts` can yield `&str`, `String` or anything else that is `AsRef<str>`. The linter
    /// is `Send + Sync`: to use several threads, share one linter and give each thread its
    /// own part of the archive.
    ///
    /// ```
    /// use postlint_core::Linter;
    ///
    /// let linter = Linter::new().expect("the default rules are valid");
    /// let archive = "Let's touch base.\nThanks all!\nGoing forward, more of this.";
    /// for (post, found) in linter.check_all(archive.lines()) {
    ///     for d in &found {
    ///         println!("{}: {} ({:?})", d.rule, d.message, &post[d.span.range()]);
    ///     }
    /// }
    /// let counts: Vec<usize> = linter
    ///     .check_all(archive.lines())
    ///     .map(|(_, found)| found.len())
    ///     .collect();
    /// assert_eq!(counts, [1, 0, 1]);
    /// ```
    pub fn check_all<I>(&self, posts: I) -> impl Iterator<Item = (I::Item, Vec<Diagnostic>)>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut posts = posts.into_iter();
        let mut ready = VecDeque::new();
        std::iter::from_fn(move || {
            if ready.is_empty() {
                let mut batch = Vec::new();
                let mut bytes = 0;
                while batch.len() < BATCH_POSTS && bytes < BATCH_BYTES {
                    let Some(post) = posts.next() else {
                        break;
                    };
                    bytes += post.as_ref().len();
                    batch.push(post);
                }
                let texts: Vec<&str> = batch.iter().map(AsRef::as_ref).collect();
                // A post too long to check whole is checked a piece at a time, on its own.
                let found = if texts.iter().any(|t| t.len() > crate::engine::PIECE_BYTES) {
                    texts.iter().map(|t| self.check(t)).collect()
                } else {
                    self.check_batch(&texts)
                };
                ready.extend(batch.into_iter().zip(found));
            }
            ready.pop_front()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches of every size, batches cut short by a huge post, and every corpus post (so
    /// every detector finds something): each post gets what checking it alone gives.
    #[test]
    fn checking_in_batches_equals_checking_post_by_post() {
        let linter = Linter::new().expect("default rules");
        let mut posts = crate::corpus_posts();
        assert!(posts.len() > 3 * BATCH_POSTS);
        // A post larger than a whole batch's bytes, and an empty one, mid-stream.
        let huge = posts[..40].join("\n").repeat(1 + BATCH_BYTES / 4000);
        assert!(huge.len() > BATCH_BYTES);
        posts.insert(100, huge);
        posts.insert(101, String::new());
        let one_by_one: Vec<Vec<Diagnostic>> = posts.iter().map(|p| linter.check(p)).collect();
        assert!(one_by_one.iter().filter(|f| !f.is_empty()).count() > posts.len() / 2);
        let together: Vec<Vec<Diagnostic>> = linter.check_all(&posts).map(|(_, f)| f).collect();
        assert_eq!(together, one_by_one);
        // Batches of every size up to the largest, from the same thread's kept buffers.
        for n in 1..=BATCH_POSTS + 1 {
            let texts: Vec<&str> = posts[..n].iter().map(String::as_str).collect();
            assert_eq!(linter.check_batch(&texts), one_by_one[..n], "batch of {n}");
        }
    }
}
