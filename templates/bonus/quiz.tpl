<div class="bonus bonus-quiz" data-bonus-page="quiz" data-quiz-id="{id}">
  <p class="small mb-2"><a href="{listUrl}">&larr; {{tx("bonus:quizzes.back")}}</a></p>
  <h1 class="fs-3 mb-2 text-break" data-bonus="quiz-title">{quizTitle}</h1>
  {{{ if lesson }}}
  <section class="card card-body mb-3 bg-light" data-bonus="lesson">
    <h2 class="fs-6 text-secondary text-uppercase mb-2">{{tx("bonus:quizzes.lesson")}}</h2>
    <div class="bonus-quiz-lesson text-break">{lesson}</div>
  </section>
  {{{ end }}}

  {{{ if taken }}}
  <div class="alert alert-success" data-bonus="score"><strong>{{tx(score)}}</strong> {{tx(earned)}}</div>
  <ol class="list-unstyled" data-bonus="review">
    {{{ each questions }}}
    <li class="card mb-3" data-bonus="question" data-question-id="{./id}">
      <div class="card-body">
        <h2 class="fs-6 fw-semibold text-break">{./number}. {./text}
          {{{ if ./right }}}<span class="badge text-bg-success ms-1" data-bonus="verdict">{{tx("bonus:quizzes.right")}}</span>{{{ else }}}<span class="badge text-bg-danger ms-1" data-bonus="verdict">{{tx("bonus:quizzes.wrong")}}</span>{{{ end }}}
        </h2>
        <ul class="list-unstyled mb-2">
          {{{ each ./options }}}
          <li class="py-1 text-break {{{ if ./correct }}}text-success fw-semibold{{{ end }}}{{{ if ./wrongChoice }}}text-danger{{{ end }}}" data-bonus="option"{{{ if ./correct }}} data-correct="1"{{{ end }}}>
            {./text}
            {{{ if ./correct }}}<span class="small">({{tx("bonus:quizzes.correct-option")}})</span>{{{ end }}}
            {{{ if ./chosen }}}<span class="badge text-bg-light border">{{tx("bonus:quizzes.your-choice")}}</span>{{{ end }}}
          </li>
          {{{ end }}}
        </ul>
        {{{ if ./explanation }}}<p class="small mb-0 text-break" data-bonus="explanation"><strong>{{tx("bonus:quizzes.explanation")}}:</strong> {./explanation}</p>{{{ end }}}
      </div>
    </li>
    {{{ end }}}
  </ol>
  {{{ else }}}
  <p class="text-secondary" data-bonus="per-answer">{{tx(perAnswer)}}</p>
  <form data-bonus="quiz-form" novalidate>
    <ol class="list-unstyled">
      {{{ each questions }}}
      <li class="card mb-3" data-bonus="question" data-question-id="{./id}">
        <fieldset class="card-body">
          <legend class="fs-6 fw-semibold text-break">{./number}. {./text}</legend>
          <p class="small text-secondary mb-2">{{{ if ./multiple }}}{{tx("bonus:quizzes.choose-many")}}{{{ else }}}{{tx("bonus:quizzes.choose-one")}}{{{ end }}}</p>
          {{{ each ./options }}}
          <div class="form-check py-1">
            <input class="form-check-input" type="{./type}" name="{./name}" value="{./index}" id="{./inputId}">
            <label class="form-check-label text-break" for="{./inputId}">{./text}</label>
          </div>
          {{{ end }}}
        </fieldset>
      </li>
      {{{ end }}}
    </ol>
    <p class="small text-danger" role="alert" data-bonus="form-error"></p>
    <button type="submit" class="btn btn-primary">{{tx("bonus:quizzes.submit")}}</button>
  </form>
  {{{ end }}}
</div>
