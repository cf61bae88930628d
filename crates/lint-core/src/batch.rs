//! Checking many posts: [`Linter::check_all`].

use crate::diagnostic::Diagnostic;
use crate::engine::Linter;

impl Linter {
    /// Checks each post of `posts` in turn, lazily, and yields every post with its
    /// diagnostics, in the order given.
    ///
    /// Each post is checked on its own, exactly as [`Linter::check`] checks it: spans are
    /// byte ranges into that post, nothing carries over from one post to the next (an
    /// acronym spelled out in one post is still unexplained in the next), and the results
    /// do not depend on how many posts came before. It is a convenience for archives and
    /// exports: nothing is collected, so an archive of hundreds of thousands of posts streams
    /// through in constant memory, and since each post comes back with its findings a
    /// renderer has the text it needs for line numbers and context.
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
        posts.into_iter().map(move |post| {
            let found = self.check(post.as_ref());
            (post, found)
        })
    }
}
